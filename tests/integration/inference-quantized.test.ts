// The 8-bit ResNet-50 that `npm run models` derives against the float32 Keras original, in Node on
// the wasm backend with the real weights and every gallery photo: the same top-1 class on each, and
// the top-5 overlap printed (the README quotes `npm run bench:quantized`, which prints the same figures).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_RESNET50_ID, modelById } from '../../src/lib/inference/models';
import { loadModel, type LoadedModel } from '../../src/lib/inference/loader';
import { expectedDigests } from '../../src/lib/inference/lock';
import { classify } from '../../src/lib/inference/classify';
import { agreement, photoAgreement, type PhotoAgreement } from '../../src/lib/inference/agreement';
import { GALLERY } from '../../src/lib/data/gallery';
import { publicFetch, SITE, GALLERY_DIR, decodeImage, modelsPresent } from '../helpers/node-models';

const IDS = ['resnet50', 'resnet50_uint8'] as const;
const loaded = new Map<string, LoadedModel>();

beforeAll(async () => {
  if (!modelsPresent([...IDS])) throw new Error('The ResNet-50 files are missing from public/models/: run `npm run models`.');
  await tf.setBackend('wasm');
  for (const id of IDS) {
    loaded.set(id, await loadModel(tf, [SITE + modelById(id).urls[0]!], { fetchFunc: publicFetch, digests: expectedDigests(id) }));
  }
}, 120_000);

afterAll(() => {
  for (const m of loaded.values()) m.model.dispose();
});

describe('the 8-bit ResNet-50', () => {
  test('is the default ResNet-50, a quarter of the download, the same Keras architecture', () => {
    const q = modelById(DEFAULT_RESNET50_ID);
    const f = modelById('resnet50');
    expect(q.precision).toBe('uint8');
    expect(q.arch).toBe('resnet50-keras');
    expect(f.arch).toBe('resnet50-keras');
    expect(q.bytes).toBeLessThanOrEqual(27_000_000);
    expect(q.bytes / f.bytes).toBeLessThan(0.26);
    expect(loaded.get('resnet50_uint8')!.verified).toBe(true);
    expect((loaded.get('resnet50_uint8')!.model as tf.LayersModel).countParams()).toBe(25_636_712);
  });

  test('gives the same top-1 class as float32 on every gallery photo', async () => {
    const rows: PhotoAgreement[] = [];
    const before = tf.memory().numTensors;
    for (const photo of GALLERY) {
      const pixels = decodeImage(join(GALLERY_DIR, photo.file));
      const [f, q] = await Promise.all(IDS.map((id) => classify(tf, loaded.get(id)!.model, modelById(id), pixels)));
      pixels.dispose();
      rows.push(photoAgreement(photo.file, f!.probs, q!.probs));
    }
    const a = agreement(rows);
    console.log(
      `8-bit vs float32 ResNet-50 on ${rows.length} gallery photos: top-1 identical ${a.top1Identical}/${rows.length}, ` +
        `mean top-5 overlap ${a.meanTop5Overlap.toFixed(2)} of 5 (${rows.map((r) => `${r.photo} ${r.top5Overlap}`).join(', ')})`,
    );
    expect(rows.filter((r) => !r.sameTop1).map((r) => r.photo)).toEqual([]);
    expect(a.top1Identical).toBe(GALLERY.length);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
