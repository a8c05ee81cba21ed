// The committed reference runs: their JSON schema and invariants.
import { describe, expect, it } from 'vitest';
import { TRAIN_REFERENCE, checkTrainReference } from '../../src/lib/data/train-reference';
import { analyze, cifarResnetSpec } from '../../src/lib/arch';

describe('reference runs (src/lib/data/train-reference.json)', () => {
  it('has the four nets with curves from iteration 0, settings, seed, backend, machine and wall time', () => {
    const r = TRAIN_REFERENCE;
    expect(r.runs.map((x) => x.name)).toEqual(['Plain-20', 'Plain-56', 'ResNet-20', 'ResNet-56']);
    expect(r.backend.name).toBe('wasm');
    expect(r.settings.seed).toBeTypeOf('number');
    expect(r.wallSeconds).toBeGreaterThan(0);
    expect(r.dataset.trainImages).toBe(10_000);
    for (const run of r.runs) {
      // Parameters and MACs are the spec's, at 28×28×1 and the run's width.
      const spec = cifarResnetSpec(run.depth, { shortcuts: run.shortcuts, width: r.settings.width, classes: 10 });
      const totals = analyze(spec, { h: 28, w: 28, c: 1 }).totals;
      expect([run.params, run.macsPerImage]).toEqual([totals.params, totals.macs]);
      expect(run.points.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('rejects a malformed file with a clear message', () => {
    const bad = structuredClone(TRAIN_REFERENCE) as unknown as { runs: { points: { trainError: number }[] }[] };
    bad.runs[0]!.points[1]!.trainError = 1.5;
    expect(() => checkTrainReference(bad)).toThrow(/errors must be fractions/);
    expect(() => checkTrainReference({ version: 2 })).toThrow(/version must be 1/);
  });
});
