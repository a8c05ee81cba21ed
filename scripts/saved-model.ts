// A layers model this project saved (model.json + weights.bin in one folder, as under
// public/tiny-models/), read in Node the way the site reads it over HTTP: the topology, the weight
// specs and the bytes, ready for `tf.io.fromMemory` or `assignSavedWeights`. One reader for the
// training scripts, the benchmarks and the tests.
import { readFileSync } from 'node:fs';
import type * as tfjs from '@tensorflow/tfjs';

export interface SavedModel {
  modelTopology: object;
  weightSpecs: tfjs.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** The folder of one of the project's own trained models (`public/tiny-models/<id>/`). */
export const tinyModelFolder = (id: string): URL => new URL(`../public/tiny-models/${id}/`, import.meta.url);

export function readSavedModel(folder: URL): SavedModel {
  const json = JSON.parse(readFileSync(new URL('model.json', folder), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { weights: tfjs.io.WeightsManifestEntry[] }[];
  };
  if (json.weightsManifest.length !== 1)
    throw new Error(`${folder.pathname}: expected one weights group, found ${json.weightsManifest.length}`);
  const bin = readFileSync(new URL('weights.bin', folder));
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0]!.weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  };
}

/** A saved model loaded as a tfjs LayersModel. */
export function loadSavedModel(tf: typeof tfjs, folder: URL): Promise<tfjs.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(readSavedModel(folder)));
}
