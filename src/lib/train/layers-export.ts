/**
 * A trained `Net` as a tfjs layers model: built from the same spec by `buildModel` (torchvision
 * convention: convs without bias where batch norm follows), its weights copied in by layer name.
 * The result saves with `model.save()` and loads anywhere with `tf.loadLayersModel`.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ArchSpec, Shape } from '../arch/types';
import type { Net } from './net';
import { toLayersWeights } from './net';
import type { Tf } from '../tf';

type BuildModel = (spec: ArchSpec, opts: { convention: 'torchvision'; input: Shape; init: 'zeros' }) => tfjs.LayersModel;

export function toLayersModel(net: Net, buildModel: BuildModel): tfjs.LayersModel {
  const model = buildModel(net.spec, { convention: 'torchvision', input: net.analysed.input, init: 'zeros' });
  const byName = new Map(toLayersWeights(net).map((w) => [w.name, w.tensor]));
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((w) => {
      // tfjs names a layer's weights "<layer>/<weight>" (plus a "_1" suffix on clashes).
      const key = `${layer.name}/${w.originalName.split('/').pop() ?? ''}`;
      const t = byName.get(key);
      if (!t) throw new Error(`No trained weight for ${key}`);
      return t;
    });
    layer.setWeights(values);
  }
  return model;
}

/** The two files of a saved layers model (`model.json` in the browser format, one weight file). */
export async function saveLayersModel(
  tf: Tf,
  model: tfjs.LayersModel,
  generatedBy: string,
): Promise<{ json: string; weights: Uint8Array }> {
  let json = '';
  let weights = new Uint8Array(0);
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      weights = a.weightData ? new Uint8Array(tf.io.CompositeArrayBuffer.join(a.weightData)) : new Uint8Array(0);
      json = JSON.stringify({
        format: 'layers-model',
        generatedBy,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
      });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { json, weights };
}
