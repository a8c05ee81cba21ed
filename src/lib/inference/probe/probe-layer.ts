// "Your photo at this step": one layer's most active channels on one image, for the ResNet-50
// diagram. A layer given as [N] (the global pool, the predictions) is read as [1, 1, N]: each of
// its units is a 1×1 "map", so the same answer shape serves every step of the walk.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../preprocess';
import type { ProbeLayer } from '../../engine/protocol';
import type { ModelProbe } from './probe-model';
import { mostActive, sharedRange } from './channels';

/**
 * The logits of a Dense layer whose softmax is fused into it (the converted ResNet-50's fc1000): its
 * input times its kernel plus its bias, i.e. the layer's output before the activation.
 */
export function denseLogits(tf: Tf, probe: ModelProbe, dense: string, x: TF.Tensor): TF.Tensor2D {
  const { kernel, bias } = probe.denseWeights(dense);
  return tf.tidy(() => {
    const z = tf.matMul(x.reshape([x.shape[0]!, -1]) as TF.Tensor2D, kernel);
    return (bias ? z.add(bias) : z) as TF.Tensor2D;
  });
}

/** Runs `input` to a layer (spec id or model name) and returns its output tensor; the caller disposes it. */
export function layerOutput(tf: Tf, probe: ModelProbe, layer: string, input: TF.Tensor4D): { out: TF.Tensor; modelLayer: string } {
  const r = probe.resolve(layer);
  const l = r.modelLayer;
  if (!r.preActivation) return { out: probe.run([l.name], input)[0]!, modelLayer: l.name };
  const feed = l.inbound[0];
  if (l.className !== 'Dense' || feed === undefined) throw new Error(`${layer}: only a Dense layer's logits can be read before its activation`);
  const [x] = probe.run([feed], input);
  try {
    return { out: denseLogits(tf, probe, l.name, x!), modelLayer: l.name };
  } finally {
    x!.dispose();
  }
}

export async function probeLayer(tf: Tf, probe: ModelProbe, layer: string, input: TF.Tensor4D, count: number): Promise<ProbeLayer> {
  const t0 = performance.now();
  const { out, modelLayer } = layerOutput(tf, probe, layer, input);
  try {
    const dims = out.shape.slice(1);
    if (dims.length !== 3 && dims.length !== 1) throw new Error(`layer ${layer} gives shape [${out.shape.join(', ')}]: neither maps nor a vector`);
    const [h, w, c] = dims.length === 3 ? (dims as [number, number, number]) : [1, 1, dims[0]!];
    const data = await out.data();
    const { channels, maps } = mostActive(data, h, w, c, count);
    return { layer, modelLayer, shape: dims, h, w, c, channels, maps, ...sharedRange(maps), ms: performance.now() - t0 };
  } finally {
    out.dispose();
  }
}
