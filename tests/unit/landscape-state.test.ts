// The loss-landscape figure's state and the numbers its table and prose print (src/lib/landscape/
// facts.ts), on a small synthetic data set: a smooth bowl for the residual nets, a pitted one for
// the plain nets; and the committed JSON's loader rejects what does not fit.
import { describe, expect, it } from 'vitest';
import { LandscapeState } from '../../src/components/landscape/landscape-state.svelte';
import { LANDSCAPE_DATA, checkLandscapeData, type LandscapeData, type LandscapeNet } from '../../src/lib/data/landscape';
import {
  depthPairs,
  depthVerdict,
  describeDepth,
  describeErrors,
  landscapeVerdict,
  tableRows,
  TABLE_COLUMNS,
} from '../../src/lib/landscape/facts';
import { gridCoords } from '../../src/lib/landscape/coords';

const n = 5;
const c = gridCoords(n, 1);
const bowl = (k: number): number[] => c.flatMap((b) => c.map((a) => 0.3 + k * (a * a + b * b)));

function net(kind: 'plain' | 'resnet', depth: number, loss: number[]): LandscapeNet {
  return {
    id: `landscape-${kind}-${depth}`,
    kind,
    depth,
    name: `${kind === 'plain' ? 'plain' : 'ResNet'}-${depth}`,
    specId: 'x',
    model: '/x',
    bytes: 1000,
    params: 100,
    divergedSteps: 0,
    testError: kind === 'plain' ? 0.2 : 0.15,
    testCount: 2000,
    trainError: 0.1,
    trainCount: 2000,
    trainSeconds: 1,
    landscapeSeconds: 1,
    grid: { n, range: 1, loss },
    slice: { n, range: 1, loss: loss.slice(2 * n, 3 * n) },
  };
}

// plain-56: a steep bowl with a pit at (α, β) = (0.5, 0.5) (stranded behind a ridge).
const pitted = bowl(8).map((l, p) => (p === 3 * n + 3 ? 0.2 : p === 3 * n + 2 || p === 2 * n + 3 ? l + 5 : l));
const DATA: LandscapeData = {
  ...LANDSCAPE_DATA,
  complete: true,
  landscape: { ...LANDSCAPE_DATA.landscape, grid: { n, range: 1 }, slice: { n, range: 1, direction: 0 } },
  nets: [net('plain', 20, bowl(1)), net('resnet', 20, bowl(1)), net('plain', 56, pitted), net('resnet', 56, bowl(1.5))],
};

describe('the facts', () => {
  it('pair plain with residual at each depth and compare them', () => {
    const pairs = depthPairs(DATA);
    expect(pairs.map((p) => p.depth)).toEqual([20, 56]);
    const v20 = depthVerdict(pairs[0]!);
    const v56 = depthVerdict(pairs[1]!);
    expect(v20).toMatchObject({ plainSteeper: false, plainRougher: false, riseRatio: '1.0×' });
    expect(v56.plainSteeper).toBe(true);
    expect(v56.plainRougher).toBe(true);
    expect(pairs[1]!.plain.summary.localMinima).toBe(1);
  });

  it('give one table row per net with a cell per column', () => {
    const rows = tableRows(DATA);
    expect(rows.map((r) => r.name)).toEqual(['plain-20', 'ResNet-20', 'plain-56', 'ResNet-56']);
    for (const r of rows) expect(r.cells).toHaveLength(TABLE_COLUMNS.length);
    expect(rows[0]!.cells[0]).toBe('20.0%');
    expect(rows[0]!.cells[1]).toBe('0.3');
    expect(rows[2]!.cells[6]).toMatch(/^[1-9]\d* of 25$/);
  });
});

describe('LandscapeState', () => {
  it('shares one set of levels over the four plots: linear up to the median loss, or log over the whole range', () => {
    const s = new LandscapeState(DATA);
    const all = DATA.nets.flatMap((x) => x.grid.loss).sort((a, b) => a - b);
    expect(s.levels).toHaveLength(12);
    expect(s.levels[0]).toBeCloseTo(0.2, 10);
    expect(s.levels[11]).toBeCloseTo((all[49]! + all[50]!) / 2, 10);
    expect(s.legendText).toContain('the median over the four maps');
    s.scale = 'log';
    expect(s.levels[0]).toBeCloseTo(0.2, 10);
    expect(s.levels[11]).toBeCloseTo(all[all.length - 1]!, 10);
    expect(s.legendText).toMatch(/log scale/);
  });

  it('takes the log-scale box as left before the figure hydrated, and ignores anything else', () => {
    const s = new LandscapeState(DATA);
    s.applyEarly({ log: 'on' });
    expect(s.scale).toBe('log');
    s.applyEarly({ log: 'true' });
    s.applyEarly({});
    expect(s.scale).toBe('log');
    s.applyEarly({ log: 'off' });
    expect(s.scale).toBe('linear');
  });

  it('reads the loss under the pointer, and moves a cursor by keyboard within the grid', () => {
    const s = new LandscapeState(DATA);
    expect(s.readout).toBe('');
    s.point('landscape-plain-56', { i: 3, j: 3 });
    expect(s.cursorLoss).toBeCloseTo(0.2, 10);
    expect(s.readout).toBe('plain-56 at α = 0.50, β = 0.50: loss 0.2 (trained net: 0.3)');
    s.point('landscape-plain-56', null); // off the plot: the last point stays
    expect(s.cursor).toMatchObject({ i: 3, j: 3 });
    // Focus on another plot starts at its centre.
    s.focus('landscape-resnet-20');
    expect(s.cursor).toEqual({ net: 'landscape-resnet-20', i: 2, j: 2 });
    expect(s.readout).toContain('(the trained net)');
    expect(s.key('landscape-resnet-20', 'ArrowUp')).toBe(true);
    expect(s.key('landscape-resnet-20', 'ArrowRight')).toBe(true);
    expect(s.cursor).toEqual({ net: 'landscape-resnet-20', i: 3, j: 3 });
    for (let k = 0; k < 5; k++) s.key('landscape-resnet-20', 'ArrowLeft');
    expect(s.cursor?.i).toBe(0);
    expect(s.key('landscape-resnet-20', 'Home')).toBe(true);
    expect(s.cursor).toEqual({ net: 'landscape-resnet-20', i: 2, j: 2 });
    expect(s.key('landscape-resnet-20', 'a')).toBe(false);
    expect(s.key('no-such-net', 'ArrowUp')).toBe(false);
  });
});

describe('checkLandscapeData', () => {
  const json = (d: LandscapeData): unknown =>
    JSON.parse(JSON.stringify(d, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));

  it('accepts the committed file and the synthetic set, and reads null losses as NaN', () => {
    expect(LANDSCAPE_DATA.nets.length).toBeGreaterThan(0);
    const withNull = {
      ...DATA,
      nets: DATA.nets.map((x, i) => (i === 2 ? { ...x, grid: { ...x.grid, loss: x.grid.loss.map((l, p) => (p === 0 ? NaN : l)) } } : x)),
    };
    expect(Number.isNaN(checkLandscapeData(json(withNull)).nets[2]!.grid.loss[0])).toBe(true);
  });

  it('rejects nets out of order, a grid of the wrong size, a complete run without all four, a non-finite centre', () => {
    expect(() => checkLandscapeData(json({ ...DATA, nets: [DATA.nets[1]!, DATA.nets[0]!] }))).toThrow(/order/);
    expect(() =>
      checkLandscapeData(json({ ...DATA, complete: false, nets: [{ ...DATA.nets[0]!, grid: { n, range: 1, loss: [1, 2] } }] })),
    ).toThrow(/25 losses/);
    expect(() => checkLandscapeData(json({ ...DATA, nets: DATA.nets.slice(0, 2) }))).toThrow(/all four/);
    const centreless = {
      ...DATA.nets[0]!,
      grid: { ...DATA.nets[0]!.grid, loss: DATA.nets[0]!.grid.loss.map((l, p) => (p === 12 ? NaN : l)) },
    };
    expect(() => checkLandscapeData(json({ ...DATA, complete: false, nets: [centreless] }))).toThrow(/own loss/);
  });
});

describe('the prose', () => {
  it('describes each depth from the numbers and gives a verdict that follows them', () => {
    const pairs = depthPairs(DATA);
    expect(describeDepth(pairs[1]!)).toMatch(
      /^At 56 layers, half a unit out along δ, plain-56's loss rises by [\d.]+ and ResNet-56's by [\d.]+; [1-9]\d* of plain-56's 25 grid points/,
    );
    expect(landscapeVerdict(pairs)).toMatch(
      /^So this replication points the same way as Li et al\.: without shortcuts the 56-layer net's landscape is rough, [1-9]\d* points? with no path downhill and 1 other local minimum against 0 and 0 for ResNet-56; at 20 layers there is no gap \(0 against 0\)\. Near the centre plain-56's loss also rises faster/,
    );
    // A flatter plain net: the verdict says so, from the numbers.
    const flatter = depthPairs({ ...DATA, nets: [...DATA.nets.slice(0, 3), net('resnet', 56, bowl(20))] });
    expect(landscapeVerdict(flatter)).toMatch(
      / Plain-56 is not steeper, though: near the centre its loss rises less along δ than ResNet-56's, .* \(its own loss is 0\.3 against 0\.3\)\.$/,
    );
    // Residual rougher at 56: the verdict says the contrast is missing.
    const flipped = depthPairs({
      ...DATA,
      nets: [DATA.nets[0]!, DATA.nets[1]!, { ...DATA.nets[2]!, grid: DATA.nets[3]!.grid, slice: DATA.nets[3]!.slice }, DATA.nets[3]!],
    });
    expect(landscapeVerdict(flipped)).toMatch(/does not show/);
    // A shallow residual net rougher than its plain twin: said as it is.
    const shallowFlip = depthPairs({
      ...DATA,
      nets: [DATA.nets[0]!, { ...DATA.nets[1]!, grid: { n, range: 1, loss: pitted } }, DATA.nets[2]!, DATA.nets[3]!],
    });
    expect(landscapeVerdict(shallowFlip)).toMatch(
      /at 20 layers it goes the other way, 0 against [1-9]\d* for ResNet-20, which ended its training at a test error of 15\.0% against plain-20's 20\.0%, off the floor of its own basin \(the lowest loss on its map is 0\.2, its own 0\.3\)\./,
    );
    expect(landscapeVerdict(pairs.slice(0, 1))).toMatch(/does not hold/);
  });
});

describe('describeErrors', () => {
  it('says whether the plain net also trained worse', () => {
    const [, deep] = depthPairs(DATA);
    expect(describeErrors(deep!)).toBe(
      'Plain-56 also trained worse than ResNet-56 here (test error 20.0% against 15.0%), so part of the difference between the maps is a difference in where training left each net.',
    );
    const [shallow] = depthPairs({ ...DATA, nets: DATA.nets.map((x) => ({ ...x, testError: 0.1 })) });
    expect(describeErrors(shallow!)).toMatch(/reached similar accuracy/);
  });
});
