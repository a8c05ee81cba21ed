// The race island's state, driven by a fake runner in place of the worker: what the reader sees at
// each step, a refusal before any worker starts, a cancel that frees everything, failures in words.
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import {
  RaceFailed,
  RaceState,
  failureMessage,
  type RaceOutcome,
  type RaceProgress,
  type RaceRequest,
  type RaceRunner,
} from '../../src/components/race/race-state.svelte';
import { raceRow } from '../../src/lib/race/racers';
import { summarizeTimes } from '../../src/lib/race/stats';
import { raceTable } from '../../src/lib/race/table';
import { AbortedError } from '../../src/lib/worker-rpc';

class FakeRunner implements RaceRunner {
  req: RaceRequest | null = null;
  progress: RaceProgress | null = null;
  signal: AbortSignal | null = null;
  resolve: (o: RaceOutcome) => void = () => {};
  reject: (e: unknown) => void = () => {};
  run(req: RaceRequest, progress: RaceProgress, signal: AbortSignal): Promise<RaceOutcome> {
    this.req = req;
    this.progress = progress;
    this.signal = signal;
    return new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
      signal.addEventListener('abort', () => rej(new AbortedError()), { once: true });
    });
  }
}

const rows = [raceRow('vgg16', 'zeros', 32, summarizeTimes([20, 22, 21])), raceRow('resnet50', 'zeros', 32, summarizeTimes([10, 12, 11]))];
const mem = { numTensors: 3, numBytes: 1000 };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the race island state', () => {
  it('estimates memory for the chosen size before anything runs', () => {
    const race = new RaceState(new FakeRunner());
    flushSync();
    expect(race.busy).toBe(false);
    const at224 = race.peak;
    race.side = 32;
    flushSync();
    expect(race.peak).toBeLessThan(at224);
    expect(race.vggMillions).toBe(38); // VGG-16 at 32×32: fc1 flattens a 1×1×512 pool
  });

  it('takes the choices made before the island hydrated, ignoring any the controls do not offer, and races with them', () => {
    const runner = new FakeRunner();
    const race = new RaceState(runner);
    race.applyEarly({ side: '64', weights: 'random', backend: 'webgl' });
    expect([race.side, race.weights, race.backendChoice]).toEqual([64, 'random', 'webgl']);
    race.applyEarly({ side: '65', weights: 'keras', backend: 'auto' });
    expect([race.side, race.weights, race.backendChoice]).toEqual([64, 'random', 'webgl']);
    void race.start(false);
    expect(runner.req).toMatchObject({ side: 64, weights: 'random', backend: 'webgl' });
    race.applyEarly({ side: '32' }); // not while a race runs
    expect(race.side).toBe(64);
    race.cancel();
  });

  it('runs a race: backend, progress in words, two rows, the table and the comparison', async () => {
    const runner = new FakeRunner();
    const race = new RaceState(runner);
    race.side = 32;
    const done = race.start(false);
    expect(race.phase).toBe('loading');
    expect(runner.req).toMatchObject({ side: 32, weights: 'zeros', backend: 'wasm' });
    const p = runner.progress!;
    p.backend({ name: 'wasm', note: 'SIMD on' });
    expect(race.phase).toBe('running');
    p.memory('before', mem);
    p.event({ type: 'build', racer: 'vgg16', done: 3, total: 20, layer: 'block1_conv1' });
    expect(race.status).toBe('Building VGG-16 (model 1 of 2): layer 3 of 20 (block1_conv1)');
    expect(race.progress).toEqual({ value: 3, max: 20 });
    p.event({ type: 'run', racer: 'resnet50', progress: { phase: 'timed', index: 2, of: 5, ms: 12.34 } });
    expect(race.status).toBe('Timing ResNet-50 (model 2 of 2): timed run 2 of 5 (12.3 ms)');
    for (const row of rows) p.event({ type: 'result', row });
    p.memory('after', mem);
    runner.resolve({ rows });
    await done;
    flushSync();
    expect([race.phase, race.status, race.races]).toEqual(['done', 'Finished.', 1]);
    expect(race.comparison?.timeRatio).toBeCloseTo(21 / 11);
    expect(race.bars.map((b) => b.label)).toEqual(['VGG-16', 'ResNet-50']);
    expect(race.chartLabel).toBe('VGG-16: median 21.0 ms; ResNet-50: median 11.0 ms');
    expect(race.table[0]!.cells.map((c) => c.median)).toEqual([
      { model: 'vgg16', ms: 21 },
      { model: 'resnet50', ms: 11 },
    ]);
  });

  it('refuses on the page, without a worker, what the device says it cannot hold', async () => {
    const runner = new FakeRunner();
    const race = new RaceState(runner);
    race.deviceMemoryGiB = 0.25;
    await race.start(false);
    expect(race.phase).toBe('refused');
    expect(race.alertMessage).toMatch(/^Sorry: this race needs about .* your browser reports about 0.25 GB of device memory/);
    expect(runner.req).toBeNull();
  });

  it('a refusal by the worker, a cancel, and failures end the race with a message', async () => {
    const runner = new FakeRunner();
    const race = new RaceState(runner);
    let run = race.start(false);
    runner.resolve({ refused: 'Sorry: too big.' });
    await run;
    expect([race.phase, race.alertMessage]).toEqual(['refused', 'Sorry: too big.']);

    run = race.start(false);
    runner.progress!.memory('before', mem);
    race.cancel();
    expect(runner.signal!.aborted).toBe(true);
    await run;
    expect([race.phase, race.status, race.memAfter]).toEqual(['cancelled', 'Cancelled.', mem]);
    // A late message from the cancelled race changes nothing.
    runner.progress!.event({ type: 'result', row: rows[0]! });
    expect(race.rows).toEqual([]);

    run = race.start(false);
    runner.reject(new RaceFailed('hung', 'WASM did not start'));
    await run;
    expect(race.phase).toBe('failed');
    expect(race.alertMessage).toBe(
      'The race stopped: its worker stopped answering (WASM did not start). Everything it built has been freed.',
    );
    expect(failureMessage(new RaceFailed('crashed', 'out of memory'))).toMatch(/^The race's worker stopped \(out of memory\)/);
    expect(failureMessage(new RaceFailed('error', 'boom'))).toMatch(/^The race stopped: boom\. Everything it built has been freed/);
    expect(race.races).toBe(3);
  });

  it('asks the server for the real weights only when the build had them', async () => {
    const asked: string[] = [];
    const fetchOk = ((url: string) => (asked.push(url), Promise.resolve({ status: 200 }))) as unknown as typeof fetch;
    const without = new RaceState(new FakeRunner(), false);
    without.checkRealWeights(fetchOk);
    expect([without.real, asked]).toEqual(['not-built', []]);
    const withReal = new RaceState(new FakeRunner(), true, '/site/');
    withReal.checkRealWeights(fetchOk);
    expect(withReal.real).toBe('checking');
    await tick();
    // The site's copy, versioned by its model.json digest (the URL changes when the bytes do).
    expect([withReal.real, asked]).toEqual([
      'available',
      [expect.stringMatching(/^\/site\/models\/resnet50\/model\.json\?v=[0-9a-f]{12}$/)],
    ]);
    const missing = new RaceState(new FakeRunner(), true);
    missing.checkRealWeights((() => Promise.resolve({ status: 404 })) as unknown as typeof fetch);
    await tick();
    expect(missing.real).toBe('unreachable');
  });
});

describe('the race table', () => {
  it('prints the device and the Keras table side by side', () => {
    const t = raceTable(rows);
    expect(t.map((r) => r.header)).toEqual([
      'Median, this device',
      'Fastest – slowest run',
      'MACs at 32×32',
      'ms per GMAC, this device',
      'Keras CPU, ms per batch of 32 (per image)',
      'Keras CPU, ms per GMAC',
      'Keras GPU, ms per batch of 32 (per image)',
      'Keras GPU, ms per GMAC',
    ]);
    expect(t[1]!.cells[0]!.text).toBe('20.0 – 22.0 ms');
    expect(t[2]!.cells[0]!.text).toBe('0.34 G');
    expect(t[4]!.cells.map((c) => c.text)).toEqual(['69.5 (2.17)', '58.2 (1.82)']);
  });
});
