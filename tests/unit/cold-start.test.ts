import { describe, expect, it } from 'vitest';
import {
  coldTimeline,
  largestCosts,
  PICK,
  ANSWER,
  DRAWN,
  WORKER_EVALUATING,
  WORKER_IMPORTED,
  BACKEND_START,
  PREDICT,
} from '../../src/lib/perf/cold-timeline';
import { measured, readTimeline, type PerfEntry } from '../../src/lib/perf/marks';
import { mayStartEarly } from '../../src/lib/start-early';

const m = (name: string, startTime: number, duration = 0, entryType = duration ? 'measure' : 'mark'): PerfEntry => ({
  name,
  entryType,
  startTime,
  duration,
});

describe('the cold timeline', () => {
  // The page's clock starts at 1,000 (wall clock); the worker was created 2,000 ms later.
  const page = { timeOrigin: 1_000, entries: [m(PICK, 100), m(ANSWER, 3_100), m(DRAWN, 3_120)] };
  const worker = {
    timeOrigin: 3_000,
    entries: [
      m(WORKER_EVALUATING, 100),
      m(WORKER_IMPORTED, 300),
      m(BACKEND_START, 310, 200),
      m('http://x/models/m/model.json', 520, 10, 'resource'),
      m('http://x/models/m/group1-shard1of1.bin', 540, 400, 'resource'),
      m('http://x/models/m/group2-shard1of1.bin', 540, 600, 'resource'),
      m('sha256 group1-shard1of1.bin', 945, 5),
      m(PREDICT, 1_200, 900),
    ],
  };

  it('puts the worker’s stages on the page’s clock, in ms after the click', () => {
    const stages = coldTimeline(page, worker);
    const at = (name: string) => stages.find((s) => s.stage.startsWith(name));
    // worker t=0 is page t=2,000, i.e. 1,900 ms after the click at page t=100
    expect(at('worker start')).toEqual({ stage: 'worker start (its entry fetched)', start: 1_900, end: 2_000 });
    expect(at('tfjs import')).toMatchObject({ start: 2_000, end: 2_200 });
    expect(at('model.json')).toMatchObject({ start: 2_420, end: 2_430 });
    expect(at('SHA-256 group1')).toMatchObject({ start: 2_845, end: 2_850 });
    expect(at('first prediction')).toMatchObject({ start: 3_100, end: 4_000 });
    expect(at('answer on the page')).toMatchObject({ start: 3_000 });
    expect(at('first draw')).toMatchObject({ start: 3_020 });
    expect(stages.map((s) => s.start)).toEqual([...stages.map((s) => s.start)].sort((a, b) => a - b));
  });

  it('names the largest costs, parallel downloads counted as one span', () => {
    const costs = largestCosts(coldTimeline(page, worker), 2);
    expect(costs).toEqual([
      { stage: 'first prediction (preprocess + model)', ms: 900 },
      { stage: 'weight downloads', ms: 600 },
    ]);
  });

  it('keeps the page’s own stages when the worker tells nothing', () => {
    expect(coldTimeline(page, null).map((s) => s.stage)).toEqual(['answer on the page', 'first draw (bars)']);
  });

  it('records a measure whether the work resolves or throws', async () => {
    await measured('test ok', () => 1);
    await expect(measured('test fails', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    const names = readTimeline().entries.map((e) => e.name);
    expect(names).toContain('test ok');
    expect(names).toContain('test fails');
  });
});

describe('starting early', () => {
  it('starts on a fast or unknown connection, never with saveData or on a slow one', () => {
    expect(mayStartEarly(undefined)).toBe(true);
    expect(mayStartEarly({})).toBe(true);
    expect(mayStartEarly({ effectiveType: '4g' })).toBe(true);
    expect(mayStartEarly({ effectiveType: '3g' })).toBe(false);
    expect(mayStartEarly({ effectiveType: 'slow-2g' })).toBe(false);
    expect(mayStartEarly({ effectiveType: '4g', saveData: true })).toBe(false);
  });
});
