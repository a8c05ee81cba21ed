// How much each bottleneck block adds to what passes through it (He et al. 2016, §4.2 and Fig. 7
// measure the responses of the residual functions): ‖F(x)‖₂ against ‖x‖₂, both taken just before the
// block's addition, for every block from one multi-output intermediate model (one forward pass).
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { ResidualMaps, ResidualRatio } from './types';
import type { ModelProbe } from './probe-model';
import { channelMeans, mapsOf, sharedRange, topByMean } from './channels';

export async function residualRatios(tf: Tf, probe: ModelProbe, input: TF.Tensor4D): Promise<ResidualRatio[]> {
  const blocks = probe.blocks;
  if (blocks.length === 0) throw new Error('the model has no residual blocks (no Add layer joins a branch and a shortcut)');
  const outs = probe.run(
    blocks.flatMap((b) => [b.branchEnd, b.shortcutEnd]),
    input,
  );
  let norms: TF.Tensor1D | null = null;
  try {
    // Σ x² per tensor, square-rooted here: tf.norm goes through abs and pow, several times slower on wasm.
    norms = tf.tidy(() => tf.stack(outs.map((t) => tf.sum(tf.square(t)))) as TF.Tensor1D);
    const v = await norms.data();
    return blocks.map((b, i) => {
      const branchNorm = Math.sqrt(v[2 * i]!);
      const shortcutNorm = Math.sqrt(v[2 * i + 1]!);
      return { block: b.name, stage: b.stage, projection: b.projection, branchNorm, shortcutNorm, ratio: branchNorm / shortcutNorm };
    });
  } finally {
    tf.dispose(outs);
    norms?.dispose();
  }
}

/** F(x), x and F(x) + x of one block for the `count` most active channels of F(x) + x, one scale. */
export async function residualMaps(tf: Tf, probe: ModelProbe, blockName: string, input: TF.Tensor4D, count: number): Promise<ResidualMaps> {
  const b = probe.block(blockName);
  const outs = probe.run([b.branchEnd, b.shortcutEnd, b.add], input);
  try {
    const [branchT, shortcutT, sumT] = outs as [TF.Tensor, TF.Tensor, TF.Tensor];
    const [, h, w, c] = sumT.shape as [number, number, number, number];
    const [branchD, shortcutD, sumD] = await Promise.all([branchT.data(), shortcutT.data(), sumT.data()]);
    const channels = topByMean(channelMeans(sumD, h, w, c), count);
    const branch = mapsOf(branchD, h, w, c, channels);
    const shortcut = mapsOf(shortcutD, h, w, c, channels);
    const sum = mapsOf(sumD, h, w, c, channels);
    return { block: b.name, h, w, c, channels, branch, shortcut, sum, ...sharedRange([...branch, ...shortcut, ...sum]) };
  } finally {
    tf.dispose(outs);
  }
}
