// The live landscape's state over a fake lab worker (the worker runtime on a MessageChannel, with a
// scripted `landscape` method): progress per net, both grids and the sentence, a NaN point kept as a
// result, Cancel and a newer map aborting the worker's job, the lab resetting mid-map dropping the old
// map, and too little memory refused before any call.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveLandscapeState, type LandscapeContext } from '../../src/components/landscape/live-landscape-state.svelte';
import { RpcClient, type CallContext } from '../../src/lib/worker-rpc';
import { cifarResnetSpec } from '../../src/lib/arch/resnet';
import type { LabMethods, LandscapeArgs, LandscapeEvent } from '../../src/lib/train/lab-methods';
import { channelWorker, deferred } from '../helpers/fake-worker';

type Methods = Pick<LabMethods, 'landscape'>;

const bowl = (n: number, scale: number, centre = 0.3): number[] =>
  Array.from({ length: n * n }, (_, k) => {
    const mid = (n - 1) / 2;
    const i = (k % n) - mid;
    const j = Math.floor(k / n) - mid;
    return centre + (scale * (i * i + j * j)) / (mid * mid);
  });

/** The worker's side: each call is recorded with its signal and waits until the test lets it finish. */
function fakeLab() {
  const jobs: { args: LandscapeArgs; signal: AbortSignal; ctx: CallContext<LandscapeEvent>; finish: ReturnType<typeof deferred<void>> }[] =
    [];
  const client = new RpcClient<Methods>({
    create: () =>
      channelWorker<Methods>({
        landscape: async (args, ctx) => {
          const finish = deferred<void>();
          jobs.push({ args, signal: ctx.signal, ctx, finish });
          await Promise.race([
            finish.promise,
            new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
          ]);
          return { iteration: 40 };
        },
      }),
    page: null,
  });
  return { jobs, client };
}

let live: RpcClient<Methods>[] = [];
afterEach(() => {
  for (const c of live) c.terminate();
  live = [];
});

const small = [false, true].map((shortcuts) => cifarResnetSpec(8, { shortcuts, width: 4, batchNorm: true, classes: 10 }));
const ctx = (over: Partial<LandscapeContext> = {}): LandscapeContext => ({
  specs: small,
  names: { plain: 'Plain-8', residual: 'ResNet-8' },
  backend: 'wasm',
  deviceMemoryGiB: undefined,
  ...over,
});

function setup(withWorker = true) {
  const lab = fakeLab();
  live.push(lab.client);
  let ended = 0;
  const state = new LiveLandscapeState({
    map: () => (withWorker ? (args, onEvent, signal) => lab.client.call('landscape', args, { lane: 'landscape', onEvent, signal }) : null),
    ended: () => ended++,
  });
  state.settings = { steps: 3, images: 32, seed: 1 };
  return { state, lab, ended: () => ended };
}

describe('the live landscape state', () => {
  it('follows progress per net, keeps both grids (a NaN point as a result) and says how fast each loss rises', async () => {
    const { state, lab, ended } = setup();
    state.start(ctx());
    expect(state.phase).toBe('mapping');
    await expect.poll(() => lab.jobs.length).toBe(1);
    const job = lab.jobs[0]!;
    expect(job.args).toEqual({ steps: 3, images: 32, seed: 1 });
    job.ctx.emit({ type: 'progress', key: 'plain', done: 4, total: 9 });
    await expect.poll(() => state.progress.plain).toEqual({ done: 4, total: 9 });
    expect(state.fraction).toBeCloseTo(4 / 18);
    const plain = bowl(3, 2);
    plain[0] = NaN;
    job.ctx.emit({ type: 'progress', key: 'plain', done: 9, total: 9 });
    job.ctx.emit({ type: 'grid', key: 'plain', grid: { n: 3, range: 1, loss: plain } });
    job.ctx.emit({ type: 'progress', key: 'residual', done: 9, total: 9 });
    job.ctx.emit({ type: 'grid', key: 'residual', grid: { n: 3, range: 1, loss: bowl(3, 0.5) } });
    job.finish.resolve();
    await expect.poll(() => state.phase).toBe('done');
    expect(state.iteration).toBe(40);
    expect(state.fraction).toBe(1);
    expect(Number.isNaN(state.grids.plain!.loss[0])).toBe(true);
    expect(state.message).toBeNull();
    expect(state.sentence).toContain("the loss rises on average Plain-8's from 0.3 by");
    expect(state.sentence).toMatch(/the plain net's loss rises [\d.]+× as fast\./);
    expect(state.sentence).toContain('1 of 9 points of Plain-8 gave no finite loss (marked ✕).');
    expect(ended()).toBe(1);

    // The loss under the keyboard cursor: the first arrow lands on the centre, then it moves by one point.
    state.moveCursor('plain', 1, 0);
    expect(state.readout).toBe('Plain-8 at α = 0.00, β = 0.00: loss 0.3');
    state.moveCursor('plain', -1, 0);
    state.moveCursor('plain', 0, -1);
    expect(state.readout).toBe('Plain-8 at α = −1.00, β = −1.00: no finite loss (NaN)');
    state.moveCursor('plain', -1, -1);
    expect(state.cursor).toEqual({ key: 'plain', i: 0, j: 0 });
  });

  it('says roughly how long a map takes once the lab has a measured speed', () => {
    const { state } = setup();
    expect(state.expected).toBe('');
    state.labMsPerIteration = 2000;
    expect(state.expected).toBe("Roughly 2 s at the lab's measured speed.");
    state.settings = { steps: 11, images: 256, seed: 1 };
    expect(state.expected).toBe("Roughly 4 min at the lab's measured speed.");
  });

  it('Cancel aborts the job in the worker and shows no map', async () => {
    const { state, lab, ended } = setup();
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(1);
    lab.jobs[0]!.ctx.emit({ type: 'grid', key: 'plain', grid: { n: 3, range: 1, loss: bowl(3, 1) } });
    await expect.poll(() => state.grids.plain).not.toBeNull();
    state.cancel();
    expect(state.phase).toBe('cancelled');
    await expect.poll(() => lab.jobs[0]!.signal.aborted).toBe(true);
    await expect.poll(() => ended()).toBe(1);
    expect(state.sentence).toBe('');
  });

  it('a newer map supersedes the older one: only the latest grids are kept', async () => {
    const { state, lab } = setup();
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(1);
    state.start(ctx({ names: { plain: 'Plain-20', residual: 'ResNet-20' } }));
    await expect.poll(() => lab.jobs.length).toBe(2);
    await expect.poll(() => lab.jobs[0]!.signal.aborted).toBe(true);
    lab.jobs[1]!.ctx.emit({ type: 'grid', key: 'plain', grid: { n: 3, range: 1, loss: bowl(3, 1) } });
    lab.jobs[1]!.ctx.emit({ type: 'grid', key: 'residual', grid: { n: 3, range: 1, loss: bowl(3, 1) } });
    lab.jobs[1]!.finish.resolve();
    await expect.poll(() => state.phase).toBe('done');
    expect(state.sentence).toContain('Plain-20');
  });

  it('the lab resetting or retraining mid-map drops the map, and late events of the old job are ignored', async () => {
    const { state, lab } = setup();
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(1);
    state.drop();
    expect(state.phase).toBe('closed');
    await expect.poll(() => lab.jobs[0]!.signal.aborted).toBe(true);
    // The reader maps the new run: the old job's late grid comes first on the channel, and is ignored.
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(2);
    lab.jobs[0]!.ctx.emit({ type: 'grid', key: 'residual', grid: { n: 3, range: 1, loss: bowl(3, 1) } });
    lab.jobs[1]!.ctx.emit({ type: 'grid', key: 'plain', grid: { n: 3, range: 1, loss: bowl(3, 2) } });
    await expect.poll(() => state.grids.plain).not.toBeNull();
    expect(state.grids.residual).toBeNull();
    expect(state.phase).toBe('mapping');
  });

  it('too little memory is refused with a message before any call reaches the worker', async () => {
    const { state, lab } = setup();
    const big = [false, true].map((shortcuts) => cifarResnetSpec(56, { shortcuts, width: 32, batchNorm: true, classes: 10 }));
    state.settings = { steps: 11, images: 1024, seed: 1 };
    state.start(ctx({ specs: big, backend: 'webgl', deviceMemoryGiB: 0.25 }));
    expect(state.phase).toBe('refused');
    expect(state.message).toMatch(
      /^Not started: mapping these nets' landscape needs about .+ of memory, and your browser reports about 0\.25 GB/,
    );
    expect(lab.jobs).toHaveLength(0);
  });

  it('a refused map also ends an older one still running', async () => {
    const { state, lab } = setup();
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(1);
    state.start(ctx({ backend: 'wasm', specs: small, deviceMemoryGiB: 1e-6 }));
    expect(state.phase).toBe('refused');
    await expect.poll(() => lab.jobs[0]!.signal.aborted).toBe(true);
    expect(lab.jobs).toHaveLength(1);
  });

  it('no trained nets, or a failure in the worker, is a polite message', async () => {
    const none = setup(false);
    none.state.start(ctx());
    expect(none.state.phase).toBe('refused');
    expect(none.state.message).toBe('Train the two nets first: the landscape is mapped around a paused or finished run.');

    const { state, lab } = setup();
    state.start(ctx());
    await expect.poll(() => lab.jobs.length).toBe(1);
    lab.jobs[0]!.finish.reject(new Error('out of memory'));
    await expect.poll(() => state.phase).toBe('error');
    expect(state.message).toBe('The landscape could not be mapped: out of memory');
  });
});
