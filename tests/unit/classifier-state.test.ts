// The classifier's state over a fake engine worker (the real runtime client): what the reader sees
// while the engine starts and a model downloads, the top-5 and the true label's rank, polite messages
// for a wrong file and a failed download, and only the last photo's or model's answer.
import { describe, expect, it } from 'vitest';
import { ClassifierState } from '../../src/components/classifier/classifier-state.svelte';
import type { ClassifierPage, Picked } from '../../src/components/classifier/classifier-types';
import { BadImageError } from '../../src/components/shared/decode-image';
import type { ClassifierPhoto } from '../../src/components/shared/photo-bus';
import { DEFAULT_RESNET50_ID, QUICK_MODEL_ID, modelById } from '../../src/lib/inference/models';
import { rankOf, topK } from '../../src/lib/inference/scores';
import { formatMB } from '../../src/lib/format';
import { FakeEngine, copyOf, fakeBitmap, type FakeBitmap } from '../helpers/fake-engine';
import { deferred } from '../helpers/fake-worker';

const ESPRESSO = 967;
const TABBY = 281;
const TIGER_CAT = 282;
const EGYPTIAN_CAT = 285;

function setup(initialModel = QUICK_MODEL_ID) {
  const engine = new FakeEngine();
  const published: (ClassifierPhoto | null)[] = [];
  const page: ClassifierPage = {
    engine: () => engine.client,
    copyImage: async (b) => copyOf(b),
    publishPhoto: (p) => published.push(p),
    siteUrl: (path) => `https://site.test${path}`,
    galleryImage: async (file) => ({ bitmap: fakeBitmap(ESPRESSO), width: 640, height: 480, previewUrl: `blob:${file}` }),
  };
  const s = new ClassifierState(initialModel, page);
  const statuses: (string | null)[] = [];
  engine.onCall = () => statuses.push(s.busy);
  return { engine, s, published, statuses };
}

/** A photo as the image input hands it over, decoded, showing class `shows`. */
const photo = (title: string, shows: number, trueClass: number | null = shows): Picked => ({
  decoded: { bitmap: fakeBitmap(shows), width: 640, height: 480, previewUrl: URL.createObjectURL(new Blob([title])) },
  title,
  alt: `A photo: ${title}`,
  trueClass,
});

const top5 = (s: ClassifierState) => topK(s.result!.probs, 5).map((r) => r.index);

describe('the classifier state', () => {
  it('starts the engine, downloads the model with progress, then shows the top-5 and the true label at rank 1', async () => {
    const { engine, s, published, statuses } = setup();
    const quick = modelById(QUICK_MODEL_ID);
    engine.hold('start');
    engine.hold('load');
    // The photo is still being read: the worker is already starting and downloading the model.
    const photoRead = deferred<Picked>();
    const done = s.choose(() => photoRead.promise);
    expect([s.busy, s.result]).toEqual(['Reading the image…', null]);
    await expect.poll(() => engine.log).toEqual(['start', 'load']);
    await expect.poll(() => s.models.progress).toEqual({ fraction: 0.25, loaded: quick.bytes / 4, total: quick.bytes });
    expect(s.busy).toBe('Reading the image…');
    photoRead.resolve(photo('Coffee cup', ESPRESSO));
    await expect.poll(() => s.busy).toBe(`Starting TensorFlow.js in a worker and downloading ${quick.name}…`);
    engine.release('start');
    await expect.poll(() => s.busy).toBe(`Downloading ${quick.name} (${formatMB(quick.bytes)})…`);
    expect(s.backend?.name).toBe('wasm');
    engine.release('load');
    await done;
    // What the status said as each request reached the worker.
    expect([...new Set(statuses)]).toEqual([
      'Reading the image…',
      `Starting TensorFlow.js in a worker and downloading ${quick.name}…`,
      `Classifying with ${quick.name}…`,
    ]);
    expect([s.busy, s.models.progress, s.alert, s.runs]).toEqual([null, null, null, 1]);
    expect(engine.log.slice(0, 4)).toEqual(['start', 'load', 'put-image', 'classify']); // the photo sent once
    expect(s.result!.model).toBe(quick.name);
    expect(top5(s)).toEqual([ESPRESSO, 968, 969, 970, 971]);
    expect([s.labelQuery, rankOf(s.result!.probs, s.trueClass!)]).toEqual(['espresso', 1]);
    // The worker fetched the site's own copy by an absolute URL; the other islands were told the photo.
    expect(s.models.sources[QUICK_MODEL_ID]!.url).toMatch(/^https:\/\/site\.test\/models\/mobilenet_v1_0\.75_uint8\/model\.json\?v=/);
    expect(published.map((p) => p?.title)).toEqual(['Coffee cup']);
    await expect.poll(() => s.numTensors).toBe(11); // one model, one image held
  });

  it('ranks the true label the reader types, and forgets it for a name that is no class', async () => {
    const { s } = setup();
    await s.choose(async () => photo('Chelsea the cat', TABBY, TIGER_CAT));
    expect([s.labelQuery, rankOf(s.result!.probs, s.trueClass!)]).toEqual(['tiger cat', 2]);
    s.labelQuery = 'Egyptian cat';
    s.onLabelInput();
    expect([s.trueClass, rankOf(s.result!.probs, s.trueClass!)]).toEqual([EGYPTIAN_CAT, 5]);
    s.labelQuery = 'no such animal';
    s.onLabelInput();
    expect(s.trueClass).toBeNull();
  });

  it('says what is wrong with a file that is not a photo, and shows no photo and no answer', async () => {
    const { engine, s, published } = setup();
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    await s.choose(async () => {
      throw new BadImageError('notes.pdf is not an image: it looks like a PDF. Choose a JPEG, PNG, GIF, WebP or BMP photo.');
    });
    expect(s.alert?.message).toBe('notes.pdf is not an image: it looks like a PDF. Choose a JPEG, PNG, GIF, WebP or BMP photo.');
    expect([s.current, s.result, s.busy]).toEqual([null, null, null]);
    expect(published.at(-1)).toBeNull();
    expect(engine.count('classify')).toBe(1);
  });

  it('a model that fails to download says so politely and offers to try again, which works', async () => {
    const { engine, s } = setup();
    engine.failLoads('The model could not be downloaded: the network is unreachable.');
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    expect(s.alert?.message).toBe('The model could not be downloaded: the network is unreachable.');
    expect([s.result, s.busy, s.current?.title]).toEqual([null, null, 'Coffee cup']);
    engine.answerLoads({ notKept: 'the browser’s storage is full' });
    s.alert!.retry!();
    await expect.poll(() => s.runs).toBe(1);
    expect([s.alert, top5(s)[0]]).toEqual([null, ESPRESSO]);
    expect(s.models.loadNote).toBe(
      `${modelById(QUICK_MODEL_ID).name} works, but was not saved for your next visit: the browser’s storage is full.`,
    );
  });

  it('a cancelled download keeps nothing and says so, with a way to try again', async () => {
    const { engine, s } = setup();
    engine.hold('load');
    const done = s.choose(async () => photo('Coffee cup', ESPRESSO));
    await expect.poll(() => s.models.progress).not.toBeNull();
    s.models.cancel();
    await done;
    expect(s.alert?.message).toBe('The download was cancelled. Nothing was kept; try again when you like.');
    expect(s.alert?.retry).toBeTypeOf('function');
    expect([s.result, s.models.progress, s.busy, s.models.sources]).toEqual([null, null, null, {}]);
  });

  it('a second photo picked while the first is classified shows only the second answer', async () => {
    const { engine, s, published } = setup();
    engine.hold('classify');
    const first = s.choose(async () => photo('Coffee cup', ESPRESSO));
    await expect.poll(() => engine.count('classify')).toBe(1);
    const firstBitmap = (s as unknown as { bitmap: FakeBitmap }).bitmap;
    const second = s.choose(async () => photo('Chelsea the cat', TABBY));
    await expect.poll(() => engine.count('classify')).toBe(2);
    engine.release('classify');
    await Promise.all([first, second]);
    expect([s.current?.title, top5(s)[0], s.runs, s.alert, s.busy]).toEqual(['Chelsea the cat', TABBY, 1, null, null]);
    expect(firstBitmap.closed).toBe(true);
    expect(published.map((p) => p?.title)).toEqual(['Coffee cup', 'Chelsea the cat']);
  });

  it('a photo still being read when another is picked is never shown', async () => {
    const { s, published } = setup();
    const slow = deferred<Picked>();
    const first = s.choose(() => slow.promise);
    await s.choose(async () => photo('Chelsea the cat', TABBY));
    const late = photo('Coffee cup', ESPRESSO);
    slow.resolve(late);
    await first;
    expect([s.current?.title, top5(s)[0], s.runs]).toEqual(['Chelsea the cat', TABBY, 1]);
    expect((late.decoded.bitmap as unknown as FakeBitmap).closed).toBe(true);
    expect(published.map((p) => p?.title)).toEqual(['Chelsea the cat']);
  });

  it('switching models while one downloads shows the answer of the model chosen last', async () => {
    const { engine, s } = setup();
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    engine.hold('load');
    s.modelId = DEFAULT_RESNET50_ID;
    const toResNet = s.changeModel();
    await expect.poll(() => s.models.progress).not.toBeNull();
    s.modelId = QUICK_MODEL_ID; // back to the model already loaded: it answers at once
    await s.changeModel();
    expect([s.result!.model, s.runs]).toEqual([modelById(QUICK_MODEL_ID).name, 2]);
    engine.release('load'); // ResNet-50 arrives after the reader has moved on
    await toResNet;
    expect([s.result!.model, s.runs, s.busy, s.alert]).toEqual([modelById(QUICK_MODEL_ID).name, 2, null, null]);
  });

  it('cancelling the work ends the worker; the next action starts a new one and sends the photo again', async () => {
    const { engine, s } = setup();
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    engine.hold('classify');
    s.modelId = QUICK_MODEL_ID;
    const again = s.changeModel();
    await expect.poll(() => engine.count('classify')).toBe(2);
    s.cancelWork();
    await again;
    expect(s.alert?.message).toMatch(/^The demo's worker stopped \(you cancelled it\)\. It restarts by itself/);
    engine.release('classify');
    s.alert!.retry!();
    await expect.poll(() => s.runs).toBe(2);
    expect([engine.workers, engine.images.size, top5(s)[0], s.alert]).toEqual([2, 1, ESPRESSO, null]);
  });

  it('a worker that stops while the photo is still read and its model downloads says so, and Try again answers', async () => {
    const { engine, s } = setup();
    engine.hold('load');
    const photoRead = deferred<Picked>();
    const done = s.choose(() => photoRead.promise);
    await expect.poll(() => engine.log).toEqual(['start', 'load']);
    s.cancelWork();
    photoRead.resolve(photo('Coffee cup', ESPRESSO));
    await done;
    // Told, not silently started again on a new worker.
    expect(s.alert?.message).toMatch(/^The demo's worker stopped \(you cancelled it\)\. It restarts by itself/);
    expect([s.result, s.current?.title]).toEqual([null, 'Coffee cup']);
    engine.release('load');
    s.alert!.retry!();
    await expect.poll(() => s.runs).toBe(1);
    expect([engine.workers, top5(s)[0], s.alert]).toEqual([2, ESPRESSO, null]);
  });

  it('a new backend forgets the answer and the loaded models, and answers again on it', async () => {
    const { engine, s } = setup();
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    s.backendChoice = 'cpu';
    const change = s.changeBackend();
    expect([s.result, s.backend, s.models.sources]).toEqual([null, null, {}]);
    await change;
    expect([s.backend?.name, s.runs, top5(s)[0]]).toEqual(['cpu', 2, ESPRESSO]);
    expect(engine.count('load')).toBe(2);
  });

  it('starts the engine early without downloading anything, and says so quietly', async () => {
    const { engine, s } = setup();
    s.startEarly();
    expect([s.preparing, s.busy]).toEqual(['Getting the engine ready in the background (no model downloaded yet)…', null]);
    await expect.poll(() => s.preparing).toBeNull();
    expect([s.backend?.name, engine.log]).toEqual(['wasm', ['start']]);
  });

  it('while ResNet-50 downloads, the quick model answers first, labelled, and ResNet-50’s own answer replaces it', async () => {
    const { engine, s } = setup(DEFAULT_RESNET50_ID);
    const resnet = modelById(DEFAULT_RESNET50_ID);
    const quick = modelById(QUICK_MODEL_ID);
    engine.hold(`load ${DEFAULT_RESNET50_ID}`);
    const done = s.choose(async () => photo('Coffee cup', ESPRESSO));
    await expect.poll(() => s.quick?.model).toBe(quick.name);
    expect(top5(Object.assign(Object.create(s), { result: s.quick }))[0]).toBe(ESPRESSO);
    // The status and the progress are ResNet-50's: the quick model's own download is never shown.
    expect([s.result, s.busy, s.models.progress?.total]).toEqual([
      null,
      `Downloading ${resnet.name} (${formatMB(resnet.bytes)})…`,
      resnet.bytes,
    ]);
    engine.release(`load ${DEFAULT_RESNET50_ID}`);
    await done;
    expect([s.result?.model, s.quick, s.busy]).toEqual([resnet.name, null, null]);
    // A second photo, ResNet-50 now loaded: no quick answer, one classification.
    const classified = engine.count('classify');
    await s.choose(async () => photo('Chelsea the cat', TABBY));
    expect([s.result?.model, s.quick, engine.count('classify') - classified]).toEqual([resnet.name, null, 1]);
  });

  it('no quick answer for the quick model itself; once the chosen model has answered, none, and its download stops', async () => {
    const { engine, s } = setup();
    const quickAnswers: (string | undefined)[] = [];
    await s.choose(async () => photo('Coffee cup', ESPRESSO));
    quickAnswers.push(s.quick?.model);
    expect([quickAnswers, engine.count('classify')]).toEqual([[undefined], 1]);
    // ResNet-50 answers before the quick model's load is done: the quick answer is dropped.
    s.modelId = DEFAULT_RESNET50_ID;
    s.models.sources = {};
    engine.hold(`load ${DEFAULT_RESNET50_ID}`);
    engine.hold(`load ${QUICK_MODEL_ID}`);
    const done = s.choose(async () => photo('Chelsea the cat', TABBY));
    await expect.poll(() => engine.count('load')).toBe(3); // the first pick's, then ResNet-50's and the quick model's
    engine.release(`load ${DEFAULT_RESNET50_ID}`);
    await done;
    // ResNet-50 has answered: the quick model's download, not needed any more, stopped.
    engine.release(`load ${QUICK_MODEL_ID}`);
    await s.refreshMemory(); // one more round trip to the worker
    // (Released and past a round trip, a download still running would have finished: it was stopped.)
    expect([QUICK_MODEL_ID in s.models.sources, engine.count('classify')]).toEqual([false, 2]);
    expect([s.result?.model, s.quick]).toEqual([modelById(DEFAULT_RESNET50_ID).name, null]);
  });

  it('offers the registry and falls back to the quick model for an unknown id', () => {
    expect(setup('no-such-model').s.modelId).toBe(QUICK_MODEL_ID);
    const { s } = setup(DEFAULT_RESNET50_ID);
    expect(s.spec().name).toBe(modelById(DEFAULT_RESNET50_ID).name);
    expect(s.workerSpec(DEFAULT_RESNET50_ID).urls[0]).toMatch(/^https:\/\/site\.test\/models\/resnet50_uint8\//);
  });
});
