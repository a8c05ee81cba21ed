// "What a layer sees": the layers of a loaded tfjs layers model whose outputs are maps, and what one
// layer's maps are. tfjs is passed in, so this runs the same in Node and in the page.
import type * as TF from '@tensorflow/tfjs';

export interface LoadedLayer {
  name: string;
  /** Keras class name: Conv2D, DepthwiseConv2D, Activation, Add… */
  className: string;
  /** Output shape with the batch dimension open (null). */
  shape: (number | null)[];
}

/** The layers whose output is a stack of maps ([batch, H, W, C]): the ones worth looking at as images. */
export function spatialLayers(model: TF.LayersModel): LoadedLayer[] {
  const out: LoadedLayer[] = [];
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
  /** The first `count` channels, each an h×w map (the session reads them through the probe's one
   * activation path, src/lib/probe/probe-layer.ts). */
  maps: Float32Array[];
}
