// One layer's maps on one image: the one activation path, for the ResNet-50 diagram (its most active
// channels) and the classifier's "what a layer sees" (its first channels, with any layers model).
// A layer given as [N] (the global pool, the predictions) is read as [1, 1, N]: each of its units is
// a 1×1 "map", so the same answer shape serves every step of the walk. Several layers can be read
// from one forward pass (`probeLayers`): the session asks for a whole block at once, so stepping
// through a block costs one pass, not one per step.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { ProbeLayer } from './types';
import type { ModelProbe } from './probe-model';
import { mapsOf, mostActive, sharedRange } from './channels';

/** Which channels an answer shows: the most active first (the probe), or the first ones in channel
 * order (the classifier's "what a layer sees", with any model). */
export type ChannelPick = 'most-active' | 'first';

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

/** What to fetch for one asked layer: the model layer's output, or (logits) its Dense's input. */
function plan(probe: ModelProbe, layer: string): { modelLayer: string; fetch: string; logits: boolean } {
  const r = probe.resolve(layer);
  const l = r.modelLayer;
  if (!r.preActivation) return { modelLayer: l.name, fetch: l.name, logits: false };
  const feed = l.inbound[0];
  if (l.className !== 'Dense' || feed === undefined)
    throw new Error(`${layer}: only a Dense layer's logits can be read before its activation`);
  return { modelLayer: l.name, fetch: feed, logits: true };
}

async function answer(
  tf: Tf,
  probe: ModelProbe,
  layer: string,
  p: ReturnType<typeof plan>,
  fetched: TF.Tensor,
  count: number,
  pick: ChannelPick,
): Promise<Omit<ProbeLayer, 'ms' | 'cached'>> {
  const out = p.logits ? denseLogits(tf, probe, p.modelLayer, fetched) : fetched;
  try {
    const dims = out.shape.slice(1);
    if (dims.length !== 3 && dims.length !== 1)
      throw new Error(`layer ${layer} gives shape [${out.shape.join(', ')}]: neither maps nor a vector`);
    const [h, w, c] = dims.length === 3 ? (dims as [number, number, number]) : [1, 1, dims[0]!];
    const data = await out.data();
    const first = Array.from({ length: Math.min(count, c) }, (_, k) => k);
    const { channels, maps } =
      pick === 'first' ? { channels: first, maps: mapsOf(data, h, w, c, first) } : mostActive(data, h, w, c, count);
    return { layer, modelLayer: p.modelLayer, shape: dims, h, w, c, channels, maps, ...sharedRange(maps) };
  } finally {
    if (out !== fetched) out.dispose();
  }
}

/**
 * Several layers (spec ids or model names) from one forward pass, in the order asked. `ms` of each
 * answer is the whole pass's worker time (the session caches the extra ones for later steps).
 */
export async function probeLayers(
  tf: Tf,
  probe: ModelProbe,
  layers: readonly string[],
  input: TF.Tensor4D,
  count: number,
  pick: ChannelPick = 'most-active',
): Promise<ProbeLayer[]> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  const t0 = performance.now();
  const plans = layers.map((l) => plan(probe, l));
  const fetch = [...new Set(plans.map((p) => p.fetch))];
  const outs = probe.run(fetch, input);
  try {
    const results: Omit<ProbeLayer, 'ms' | 'cached'>[] = [];
    for (let i = 0; i < layers.length; i++)
      results.push(await answer(tf, probe, layers[i]!, plans[i]!, outs[fetch.indexOf(plans[i]!.fetch)]!, count, pick));
    const ms = performance.now() - t0;
    return results.map((r) => ({ ...r, ms, cached: false }));
  } finally {
    tf.dispose(outs);
  }
}

export async function probeLayer(
  tf: Tf,
  probe: ModelProbe,
  layer: string,
  input: TF.Tensor4D,
  count: number,
  pick: ChannelPick = 'most-active',
): Promise<ProbeLayer> {
  return (await probeLayers(tf, probe, [layer], input, count, pick))[0]!;
}
