// Real ImageNet weights (placed by `npm run models`) on real committed photos, through the same
// preprocessing, loader and class mapping the browser demo uses. wasm backend, as in the browser.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { MODELS, modelById, type ModelEntry } from '../../src/lib/inference/models';
import { loadModel, type LoadedModel } from '../../src/lib/inference/loader';
import { classify } from '../../src/lib/inference/classify';
import { preprocess } from '../../src/lib/inference/preprocess';
import { topK, rankOf } from '../../src/lib/inference/scores';
import { shortName } from '../../src/lib/inference/labels';
import { GALLERY } from '../../src/lib/data/gallery';
import { spatialLayers } from '../../src/lib/inference/layer-activations';
import { expectedDigests } from '../../src/lib/inference/lock';
import { ModelProbe } from '../../src/lib/probe/probe-model';
import { probeLayer } from '../../src/lib/probe/probe-layer';
import { publicFetch, SITE, GALLERY_DIR, ROOT, decodeImage, modelsPresent } from '../helpers/node-models';

const ESPRESSO = 967;
const CATS = ['tabby', 'tiger cat', 'Egyptian cat'];

const loaded = new Map<string, LoadedModel>();
const photos = new Map<string, tf.Tensor3D>();

async function top1(id: string, photo: string) {
  const spec = modelById(id);
  const r = await classify(tf, loaded.get(id)!.model, spec, photos.get(photo)!);
  return { name: shortName(topK(r.probs, 1)[0]!.index), probs: r.probs };
}

beforeAll(async () => {
  if (!modelsPresent(MODELS.map((m) => m.id))) {
    throw new Error(
      'The real models are missing from public/models/: run `npm run models` (CI: MODELS_MIRROR=../shared/models npm run models).',
    );
  }
  await tf.setBackend('wasm');
  for (const spec of MODELS) loaded.set(spec.id, await loadModel(tf, [SITE + spec.urls[0]!], { fetchFunc: publicFetch }));
  for (const f of ['coffee.jpg', 'chelsea.jpg']) photos.set(f, decodeImage(join(GALLERY_DIR, f)));
}, 90_000);

afterAll(() => {
  for (const m of loaded.values()) m.model.dispose();
  for (const p of photos.values()) p.dispose();
});

describe('real ImageNet classifiers on real photos', () => {
  test('MobileNet v1 0.75: coffee → espresso, Chelsea → a cat class', async () => {
    const coffee = await top1('mobilenet_v1_0.75', 'coffee.jpg');
    expect(coffee.name).toBe('espresso');
    expect(coffee.probs[ESPRESSO]).toBeGreaterThan(0.5);
    expect(CATS).toContain((await top1('mobilenet_v1_0.75', 'chelsea.jpg')).name);
  });

  test('Darknet tiny agrees on both after softmax and the darknet → Keras class mapping', async () => {
    const coffee = await top1('darknet_tiny', 'coffee.jpg');
    expect(coffee.name).toBe('espresso');
    expect(coffee.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(CATS).toContain((await top1('darknet_tiny', 'chelsea.jpg')).name);
  });

  test('Keras ResNet-50 (caffe preprocessing): coffee → espresso, Chelsea → a cat class', async () => {
    expect((await top1('resnet50', 'coffee.jpg')).name).toBe('espresso');
    const chelsea = await top1('resnet50', 'chelsea.jpg');
    expect(CATS).toContain(chelsea.name);
    // Her true label (tabby) is within the top 5 even when top-1 says another cat.
    expect(rankOf(chelsea.probs, 281)).toBeLessThanOrEqual(5);
  });

  test('the ResNet-50 is the real Keras one: 25,636,712 parameters', () => {
    expect((loaded.get('resnet50')!.model as tf.LayersModel).countParams()).toBe(25_636_712);
  });

  test('classifying leaves no tensors behind', async () => {
    await top1('mobilenet_v1_0.75', 'coffee.jpg');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await top1('mobilenet_v1_0.75', 'coffee.jpg');
    expect(tf.memory().numTensors).toBe(before);
  });

  test('what a layer sees: MobileNet conv1 gives 24 maps of 112×112; no tensors left; the full model still works', async () => {
    const model = loaded.get('mobilenet_v1_0.75')!.model as tf.LayersModel;
    const layers = spatialLayers(model);
    expect(layers[0]).toEqual({ name: 'conv1', className: 'Conv2D', shape: [null, 112, 112, 24] });
    expect(layers.some((l) => l.className === 'Dense' || l.shape.length !== 4)).toBe(false);
    const input = preprocess(tf, photos.get('coffee.jpg')!, 'minus1to1', 224);
    // The one activation path (the probe's), in channel order as the classifier's layer view shows it.
    const probe = new ModelProbe(tf, model);
    const layerActivation = (layer: string) => probeLayer(tf, probe, layer, input, 8, 'first');
    await layerActivation('conv1');
    const before = tf.memory().numTensors;
    const a = await layerActivation('conv1');
    await layerActivation('conv_pw_13_relu');
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
    expect([a.h, a.w, a.c, a.maps.length, a.maps[0]!.length]).toEqual([112, 112, 24, 8, 112 * 112]);
    expect((await top1('mobilenet_v1_0.75', 'coffee.jpg')).name).toBe('espresso');
  });

  test('preprocessing modes give the documented ranges', () => {
    const px = tf.tensor3d([[[0, 128, 255]]], [1, 1, 3], 'int32');
    const [m1, z1, caffe] = (['minus1to1', 'zero1', 'caffe'] as const).map((mode) => {
      const t = preprocess(tf, px, mode, 1);
      const v = [...t.dataSync()];
      t.dispose();
      return v;
    });
    px.dispose();
    expect(m1![0]).toBeCloseTo(-1, 5);
    expect(m1![2]).toBeCloseTo(1, 5);
    expect(z1![2]).toBeCloseTo(1, 5);
    // BGR order, mean subtracted: B = 255 − 103.939, G = 128 − 116.779, R = 0 − 123.68.
    expect(caffe![0]).toBeCloseTo(151.061, 3);
    expect(caffe![1]).toBeCloseTo(11.221, 3);
    expect(caffe![2]).toBeCloseTo(-123.68, 3);
  });
});

describe('registry, lock and gallery agree', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'models.lock.json'), 'utf8')) as {
    models: Record<
      string,
      { files: Record<string, { bytes: number }>; gzipBytes?: Record<string, number>; publicBase?: string; derivedFrom?: string }
    >;
  };

  test.each(MODELS.map((m) => [m.id, m] as [string, ModelEntry]))('%s: stated size and public URL match the lock', (id, spec) => {
    const entry = lock.models[id]!;
    // The stated download: each weight file compressed where the site serves a `.gz` (the ones placed here).
    const gz = entry.gzipBytes ?? {};
    expect(spec.bytes).toBe(Object.entries(entry.files).reduce((s, [f, e]) => s + (gz[f] ?? e.bytes), 0));
    for (const [f, n] of Object.entries(gz)) expect(statSync(join(ROOT, 'public', 'models', id, `${f}.gz`)).size).toBe(n);
    // This site's copy first, its URL versioned by model.json's digest (so /models/ can be cached as immutable).
    expect(spec.urls[0]).toBe(`/models/${id}/model.json?v=${expectedDigests(id)['model.json']!.slice(0, 12)}`);
    // A copy this site derives (the 8-bit ResNet-50) exists on no public host: no fallback URL.
    if (entry.derivedFrom) expect(spec.urls).toHaveLength(1);
    else expect(spec.urls[1]).toBe(entry.publicBase + 'model.json');
  });

  test('every gallery photo is committed, small, and has a credit and a valid label', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(8);
    for (const p of GALLERY) {
      const buf = readFileSync(join(GALLERY_DIR, p.file));
      expect(buf.length).toBeLessThan(150_000);
      expect(p.credit.length).toBeGreaterThan(5);
      expect(p.source).toMatch(/^https?:\/\//);
      if (p.trueClass !== null) expect(p.trueClass).toBeGreaterThanOrEqual(0);
      const img = decodeImage(join(GALLERY_DIR, p.file));
      expect(Math.max(img.shape[0], img.shape[1])).toBeLessThanOrEqual(640);
      img.dispose();
    }
  });
});
