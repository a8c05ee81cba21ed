// "What a layer sees": the layers of a loaded tfjs layers model and one layer's activation maps for an
// input. tfjs is passed in (as in classify.ts) so this runs the same in Node and in the page.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './preprocess';
import { channelOf } from './activations';

export interface LayerInfo {
  name: string;
  /** Keras class name: Conv2D, DepthwiseConv2D, Activation, Add… */
  className: string;
  /** Output shape with the batch dimension open (null). */
  shape: (number | null)[];
}

/** The layers whose output is a stack of maps ([batch, H, W, C]): the ones worth looking at as images. */
export function spatialLayers(model: TF.LayersModel): LayerInfo[] {
  const out: LayerInfo[] = [];
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    const shape = layer.outputShape;
    // Several outputs come as a list of shapes; a single one as a flat list of dims.
    if (!Array.isArray(shape) || Array.isArray(shape[0])) continue;
    const dims = shape as (number | null)[];
    if (dims.length === 4) out.push({ name: layer.name, className, shape: dims });
  }
  return out;
}

export interface Activation {
  h: number;
  w: number;
  /** Channels the layer has (all of them, not only the maps returned). */
  c: number;
  /** The first `count` channels, each an h×w map. */
  maps: Float32Array[];
}

/**
 * Runs `input` ([1, S, S, 3], already preprocessed) through the model up to `layerName` and returns the
 * first `count` channels of that layer's output. `cache` keeps the intermediate model per layer.
 *
 * The intermediate model shares its layers (and weights) with the full model and owns no tensors of its
 * own; calling its dispose() would count the shared layers down and free the full model's weights. So it
 * is never disposed: dropping the cache releases it. Every tensor made here is disposed before returning.
 */
export async function layerActivation(
  tf: Tf,
  model: TF.LayersModel,
  layerName: string,
  input: TF.Tensor4D,
  count: number,
  cache: Map<string, TF.LayersModel> = new Map(),
): Promise<Activation> {
  let sub = cache.get(layerName);
  if (!sub) {
    const layer = model.getLayer(layerName);
    sub = tf.model({ inputs: model.inputs, outputs: layer.output as TF.SymbolicTensor });
    cache.set(layerName, sub);
  }
  const out = sub.predict(input) as TF.Tensor;
  try {
    if (out.shape.length !== 4) throw new Error(`layer ${layerName} gives shape [${out.shape.join(', ')}], not a stack of maps`);
    const [, h, w, c] = out.shape as [number, number, number, number];
    const data = await out.data();
    const n = Math.min(count, c);
    return { h, w, c, maps: Array.from({ length: n }, (_, k) => channelOf(data, h, w, c, k)) };
  } finally {
    out.dispose();
  }
}
