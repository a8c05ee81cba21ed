// A tiny layers model saved into memory (model.json + one weight file) and a fetch that serves it: the
// loader's tests (tests/unit/inference-loader.test.ts, weight-cache.test.ts) without any real weights.
import * as tf from '@tensorflow/tfjs';
import type { ModelEntry } from '../../src/lib/inference/models';

/** A small conv net [side, side, channels] → dense(outputs), saved to model.json + one weight file. */
export async function tinyModelFiles(opts: { side?: number; channels?: number; outputs?: number } = {}) {
  const { side = 8, channels = 3, outputs = 1000 } = opts;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [side, side, channels], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: outputs, activation: 'softmax' }),
    ],
  });
  let files: Record<string, Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      const json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
      };
      files = { 'model.json': new TextEncoder().encode(JSON.stringify(json)), 'group1-shard1of1.bin': weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return files;
}

/** A fetch serving `files` under http://a.test/m/ ; everything else 404s. */
export function serve(files: Record<string, Uint8Array>, host = 'http://a.test/m/'): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const f = async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const body = url.startsWith(host) ? files[url.slice(host.length).replace(/[?#].*$/, '')] : undefined;
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('nope', { status: 404 });
  };
  return Object.assign(f as typeof fetch, { calls });
}

/** A registry entry for a tiny model served by `serve` (a bring-your-own model: no pinned digests). */
export const tinySpec = (over: Partial<ModelEntry> = {}): ModelEntry => ({
  id: 'tiny',
  name: 'tiny',
  bytes: 0,
  urls: ['http://a.test/m/model.json'],
  format: 'layers',
  inputSize: 8,
  preprocessing: 'zero1',
  output: 'softmax',
  classOrder: 'keras',
  credit: '',
  ...over,
});
