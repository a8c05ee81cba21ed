// The 8-bit models that `npm run models` derives (ResNet-50, and MobileNet, the quick model) against
// their float32 originals, in Node on the wasm backend with the real weights and every gallery photo:
// the same top-1 class on each, and the top-5 overlap printed (the README's models table quotes it;
// `npm run bench:quantized` prints the same figures for ResNet-50).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_RESNET50_ID, QUICK_MODEL_ID, modelById } from '../../src/lib/inference/models';
import { loadModel, type LoadedModel } from '../../src/lib/inference/loader';
import { expectedDigests } from '../../src/lib/inference/lock';
import { classify } from '../../src/lib/inference/classify';
import { agreement, photoAgreement, type PhotoAgreement } from '../../src/lib/inference/agreement';
import { GALLERY } from '../../src/lib/data/gallery';
import { publicFetch, SITE, GALLERY_DIR, decodeImage, modelsPresent } from '../helpers/node-models';

const PAIRS = [
  { reference: 'resnet50', candidate: DEFAULT_RESNET50_ID, what: 'ResNet-50' },
  { reference: 'mobilenet_v1_0.75', candidate: QUICK_MODEL_ID, what: 'MobileNet' },
] as const;
const IDS = PAIRS.flatMap((p) => [p.reference, p.candidate]);
const loaded = new Map<string, LoadedModel>();

beforeAll(async () => {
  if (!modelsPresent(IDS)) throw new Error('Model files are missing from public/models/: run `npm run models`.');
  await tf.setBackend('wasm');
  for (const id of IDS) {
    loaded.set(id, await loadModel(tf, [SITE + modelById(id).urls[0]!], { fetchFunc: publicFetch, digests: expectedDigests(id) }));
  }
}, 180_000);

afterAll(() => {
  for (const m of loaded.values()) m.model.dispose();
});

/** Both models of a pair on every gallery photo, with the agreement printed. */
async function compareOnGallery(pair: (typeof PAIRS)[number]) {
  const rows: PhotoAgreement[] = [];
  const before = tf.memory().numTensors;
  for (const photo of GALLERY) {
    const pixels = decodeImage(join(GALLERY_DIR, photo.file));
    const [f, q] = await Promise.all(
      [pair.reference, pair.candidate].map((id) => classify(tf, loaded.get(id)!.model, modelById(id), pixels)),
    );
    pixels.dispose();
    rows.push(photoAgreement(photo.file, f!.probs, q!.probs));
  }
  const a = agreement(rows);
  console.log(
    `8-bit vs float32 ${pair.what} on ${rows.length} gallery photos: top-1 identical ${a.top1Identical}/${rows.length}, ` +
      `mean top-5 overlap ${a.meanTop5Overlap.toFixed(2)} of 5 (${rows.map((r) => `${r.photo} ${r.top5Overlap}`).join(', ')})`,
  );
  expect(tf.memory().numTensors).toBe(before);
  return { rows, a };
}

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
    const { rows, a } = await compareOnGallery(PAIRS[0]);
    expect(rows.filter((r) => !r.sameTop1).map((r) => r.photo)).toEqual([]);
    expect(a.top1Identical).toBe(GALLERY.length);
  }, 120_000);
});

describe('the 8-bit MobileNet (the quick model)', () => {
  test('is uint8, about a quarter of the download, the same network as the float32 MobileNet', () => {
    const q = modelById(QUICK_MODEL_ID);
    const f = modelById('mobilenet_v1_0.75');
    expect(q.precision).toBe('uint8');
    expect(q.bytes / f.bytes).toBeLessThan(0.3);
    expect(loaded.get(QUICK_MODEL_ID)!.verified).toBe(true);
    const params = (id: string) => (loaded.get(id)!.model as tf.LayersModel).countParams();
    expect(params(QUICK_MODEL_ID)).toBe(params('mobilenet_v1_0.75'));
  });

  test('gives the same top-1 class as float32 on every gallery photo', async () => {
    const { rows, a } = await compareOnGallery(PAIRS[1]);
    expect(rows.filter((r) => !r.sameTop1).map((r) => r.photo)).toEqual([]);
    expect(a.top1Identical).toBe(GALLERY.length);
  }, 120_000);
});
