// The block-deletion figure's state over a fake engine worker (tests/helpers/fake-worker.ts): the
// photo is decoded, the model loaded with progress, the photo sent, and only the latest toggle's answer
// shows; the sweeps stream and cancel; a NaN output is an answer; a photo the worker let go is resent.
import { describe, expect, it } from 'vitest';
import { RpcClient } from '../../src/lib/worker-rpc';
import type { EngineMethods } from '../../src/lib/engine/methods';
import type { Handlers } from '../../src/lib/worker-rpc/serve';
import { modelById, DEFAULT_RESNET50_ID } from '../../src/lib/inference/models';
import type { LesionAnswer, LesionBlock } from '../../src/lib/probe/lesion-types';
import { LesionState } from '../../src/components/lesion/lesion-state.svelte';
import type { LesionDeps, LesionPick } from '../../src/components/lesion/lesion-view';
import { channelWorker, deferred } from '../helpers/fake-worker';

const spec = modelById(DEFAULT_RESNET50_ID);
const BLOCKS: LesionBlock[] = [0, 1, 2].map((index) => ({
  index,
  name: `b${index}`,
  stage: 2,
  inStage: index + 1,
  projection: index === 0,
}));
const ESPRESSO = 967;

function answer(off: number[], prob: number): LesionAnswer {
  const finite = Number.isFinite(prob);
  return {
    off,
    blocks: BLOCKS,
    top5: finite ? [{ index: ESPRESSO, p: prob, rank: 1 }] : [],
    finite,
    original: { classIndex: ESPRESSO, intactProb: 0.9, prob, rank: finite ? 1 : null },
  };
}

type Fake = Partial<Handlers<EngineMethods>>;

function setup(extra: Fake = {}) {
  const seen: { method: string; args: unknown }[] = [];
  /** Each worker holds the images sent to it (a restarted one holds none). */
  const handlers = (): Fake => {
    const held = new Set<string>();
    return {
      load: (a, ctx) => {
        seen.push({ method: 'load', args: a });
        ctx.progress(0.5, 1, 2);
        return {
          id: a.model.id,
          url: '',
          format: 'layers',
          inputSize: 224,
          bytes: 1,
          host: '',
          fallback: false,
          cachedBytes: 0,
          notKept: null,
        };
      },
      'put-image': (a) => {
        seen.push({ method: 'put-image', args: a.imageId });
        held.add(a.imageId);
        return { width: 2, height: 2 };
      },
      lesion: (a) => {
        seen.push({ method: 'lesion', args: a.off });
        if (!held.has(a.imageId)) throw new Error(`the image "${a.imageId}" is no longer held by the engine; send it again`);
        return answer(a.off, 0.9 - 0.1 * a.off.length);
      },
      ...extra,
    };
  };
  const client = new RpcClient<EngineMethods>({
    create: () => channelWorker<EngineMethods>(handlers() as Handlers<EngineMethods>),
    page: null,
  });
  const revoked: string[] = [];
  let decoded = 0;
  const deps: LesionDeps = {
    decode: async () => ({ image: { width: 2, height: 2, data: new Uint8Array(12) }, previewUrl: `blob:${++decoded}` }),
    copy: async (image) => ({ image, transfer: [] }),
    galleryBlob: async (file) => new Blob([file]),
    revoke: (u) => revoked.push(u),
  };
  const state = new LesionState(client, spec, deps);
  return { state, seen, revoked, client };
}

const pick = (title: string): LesionPick => ({
  title,
  alt: title,
  name: `${title}.jpg`,
  galleryFile: `${title}.jpg`,
  blob: async () => new Blob([title]),
});

describe('the block-deletion state', () => {
  it('decodes the photo, loads the model with progress, sends the photo and answers for the blocks off', async () => {
    const { state, seen } = setup();
    await state.setOff([2]);
    expect(seen).toEqual([]); // nothing runs before a photo is picked
    await state.choose(pick('coffee'));
    expect(seen.map((s) => s.method)).toEqual(['load', 'put-image', 'lesion']);
    expect(state.shown?.off).toEqual([2]);
    expect(state.blocks).toEqual(BLOCKS);
    expect([state.busy, state.progress, state.alert]).toEqual([null, null, null]);
    await state.toggle(0);
    expect(state.off).toEqual([0, 2]);
    expect(state.trail.map((t) => t.off)).toEqual([1, 2]);
    expect(seen.filter((s) => s.method === 'load')).toHaveLength(1);
    state.dispose();
  });

  it('the latest toggle wins: an answer overtaken by a newer toggle never shows', async () => {
    const first = deferred<LesionAnswer>();
    const { state } = setup({ lesion: (a) => (a.off.join() === '1' ? first.promise : answer(a.off, 0.5)) });
    await state.choose(pick('coffee'));
    const slow = state.toggle(1);
    const fast = state.toggle(2);
    await fast;
    first.resolve(answer([1], 0.1));
    await slow;
    expect(state.off).toEqual([1, 2]);
    expect(state.shown?.off).toEqual([1, 2]);
    expect(state.trail.map((t) => t.off)).toEqual([0, 2]);
  });

  it('a NaN output is shown as an answer, not an error', async () => {
    const { state } = setup({ lesion: (a) => answer(a.off, a.off.length ? Number.NaN : 0.9) });
    await state.choose(pick('coffee'));
    await state.toggle(0);
    expect(state.shown?.finite).toBe(false);
    expect(state.alert).toBeNull();
    expect(state.trail.at(-1)).toEqual({ off: 1, prob: Number.NaN, rank: null });
  });

  it('each block in turn streams its bars; a new photo cancels it and revokes the old preview', async () => {
    const gate = deferred();
    let aborted = false;
    const { state, revoked } = setup({
      'lesion-sweep': async (_a, ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        ctx.emit({ block: 0, finite: true, prob: 0.5, rank: 1, top1: ESPRESSO });
        ctx.progress(1 / 3, 1, 3);
        await gate.promise;
        return { blocks: BLOCKS, original: answer([], 0.9).original, deletions: [] };
      },
    });
    await state.choose(pick('coffee'));
    const run = state.runSweep();
    await expect.poll(() => state.shownSweep?.deletions.length).toBe(1);
    expect(state.sweepProgress).toBeCloseTo(1 / 3);
    await state.choose(pick('chelsea'));
    await run;
    await expect.poll(() => aborted).toBe(true);
    expect([state.sweep, state.sweepProgress, state.photo?.title]).toEqual([null, null, 'chelsea']);
    expect(revoked).toEqual(['blob:1']);
    gate.resolve();
  });

  it('a finished sweep keeps its 16 (here 3) deletions and the original top-1', async () => {
    const deletions = [0, 1, 2].map((block) => ({ block, finite: true, prob: 0.8, rank: 1, top1: ESPRESSO }));
    const { state } = setup({
      'lesion-sweep': (_a, ctx) => {
        for (const d of deletions) ctx.emit(d);
        return { blocks: BLOCKS, original: answer([], 0.9).original, deletions };
      },
    });
    await state.choose(pick('coffee'));
    await state.runSweep();
    expect(state.shownSweep).toMatchObject({ done: true, deletions, original: { classIndex: ESPRESSO } });
  });

  it('over the labelled photos: decodes and sends them, shows the counts as they come, and can be cancelled', async () => {
    const gate = deferred();
    let sent = 0;
    const { state } = setup({
      'lesion-gallery': async (a, ctx) => {
        sent = a.photos.length;
        const partial = { blocks: BLOCKS, total: sent, done: 1, intactKept: 1, kept: [1, 0, 1] };
        ctx.emit(partial);
        await gate.promise;
        return { ...partial, done: sent };
      },
    });
    const photos = [
      { file: 'coffee.jpg', trueClass: ESPRESSO },
      { file: 'chelsea.jpg', trueClass: 281 },
    ];
    const run = state.runGallery(photos);
    await expect.poll(() => state.gallery?.done).toBe(1);
    expect(sent).toBe(2);
    gate.resolve();
    await run;
    expect(state.gallery).toMatchObject({ done: 2, total: 2, kept: [1, 0, 1] });
    const gate2 = deferred();
    const s2 = setup({
      'lesion-gallery': () => gate2.promise.then(() => ({ blocks: BLOCKS, total: 1, done: 1, intactKept: 1, kept: [1, 1, 1] })),
    });
    const run2 = s2.state.runGallery(photos.slice(0, 1));
    await expect.poll(() => s2.state.galleryProgress).toBe(0);
    await expect.poll(() => s2.state.galleryNote).toBeNull();
    s2.state.cancelGallery();
    await run2;
    expect([s2.state.gallery, s2.state.galleryNote]).toEqual([null, 'Cancelled.']);
    gate2.resolve();
  });

  it('a cancel while the labelled photos are still being read says so too', async () => {
    const { state } = setup();
    const run = state.runGallery([{ file: 'coffee.jpg', trueClass: ESPRESSO }]);
    expect(state.galleryNote).toBe('Reading the 1 labelled photo…');
    state.cancelGallery();
    await run;
    expect([state.gallery, state.galleryNote, state.galleryProgress]).toEqual([null, 'Cancelled.', null]);
  });

  it('sends the photo again when the worker has let go of it (a new one after a stop)', async () => {
    let drops = 1;
    const { state, seen } = setup({
      lesion: (a) => {
        if (drops-- > 0) throw new Error('the image "lesion-9" is no longer held by the engine; send it again');
        return answer(a.off, 0.9);
      },
    });
    await state.choose(pick('coffee'));
    expect(seen.filter((s) => s.method === 'put-image')).toHaveLength(2);
    expect(state.shown).not.toBeNull();
    expect(state.alert).toBeNull();
  });

  it('after the worker stopped, a toggle loads the model and sends the photo again', async () => {
    const { state, seen, client } = setup();
    await state.choose(pick('coffee'));
    client.terminate('a test stopped it');
    await state.toggle(1);
    // The new worker lacks the photo: it is sent again and the request retried (the engine loads the model for it).
    expect(seen.map((s) => s.method)).toEqual(['load', 'put-image', 'lesion', 'lesion', 'put-image', 'lesion']);
    expect(state.shown?.off).toEqual([1]);
    expect(state.alert).toBeNull();
  });

  it('a failed request says what happened in words', async () => {
    const { state } = setup({
      lesion: () => {
        throw new Error('boom');
      },
    });
    await state.choose(pick('coffee'));
    expect(state.alert).toMatch(/^Something went wrong: boom\./);
  });
});
