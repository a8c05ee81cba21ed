// Classification through the engine session reads nothing synchronously (wasm), with the real MobileNet
// files `npm run models` placed: why, and the training paths, in tests/unit/no-sync-reads.test.ts.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { EngineSession } from '../../src/lib/engine/session';
import type { BackendInfo, BackendName } from '../../src/lib/worker-rpc/backend';
import type { ImageSource } from '../../src/lib/engine/methods';
import { modelById, type ModelEntry } from '../../src/lib/inference/models';
import { wasmTf } from '../helpers/wasm-train';
import { GALLERY_DIR, SITE, modelsPresent, photoRgba, publicFetch } from '../helpers/node-models';
import { expectNoSyncReads, noSyncReads, releaseSpy } from '../helpers/sync-read-spy';

beforeAll(async () => {
  await wasmTf();
});
afterEach(releaseSpy);

describe('classification through the engine session reads nothing synchronously (wasm)', () => {
  const MOBILENET = 'mobilenet_v1_0.75';

  it('EngineSession.classify: loading MobileNet and classifying a photo', async () => {
    if (!modelsPresent([MOBILENET])) throw new Error('Run `npm run models` first (CI: MODELS_MIRROR=../shared/models npm run models).');
    const m = modelById(MOBILENET);
    const spec: ModelEntry = { ...m, urls: [SITE + m.urls[0]!] };
    const image: ImageSource = photoRgba(join(GALLERY_DIR, 'coffee.jpg')); // decoded (dataSync) before the spy
    const toPixels = (img: ImageSource): tf.Tensor3D => {
      const { width, height, data } = img as { width: number; height: number; data: Uint8ClampedArray };
      return tf.tidy(() => tf.tensor3d(Int32Array.from(data), [height, width, 4], 'int32').slice([0, 0, 0], [height, width, 3]));
    };
    const startBackend = async (): Promise<BackendInfo> => ({ name: (await wasmTf()).getBackend() as BackendName, note: 'Node test' });
    const session = new EngineSession({ tf, startBackend, toPixels, fetchFunc: publicFetch });
    session.putImage('coffee', image);
    const before = tf.memory().numTensors;
    const r = await noSyncReads(async () => {
      const first = await session.classify(spec, 'coffee');
      await session.classify(spec, 'coffee'); // the cached model too
      return first;
    });
    expectNoSyncReads();
    expect(r.probs).toHaveLength(1000);
    expect(r.backend).toBe('wasm');
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
