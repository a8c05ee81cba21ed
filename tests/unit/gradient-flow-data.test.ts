// The committed gradient-flow run (src/lib/data/gradient-flow.json, npm run train:gradients): its
// schema, one mark per weight layer of each spec, and a fresh backward pass through the lab session
// (what the figure's worker runs) reproduces its numbers.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GRADIENT_FLOW, checkGradientFlow, gradientFlowConfig } from '../../src/lib/data/gradient-flow';
import { committedRatio } from '../../src/lib/train/committed-flow';
import { summarize } from '../../src/lib/arch';
import { LabSession } from '../../src/lib/train/lab-session';
import { labSpecs } from '../../src/lib/train/lab-nets';
import { DEFAULT_LAB_SETTINGS, type LabEvent, type LabSettings } from '../../src/lib/train/lab-methods';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { committedFashion, wasmTf } from '../helpers/wasm-train';

const d = GRADIENT_FLOW;
const settingsOf = (batchNorm: boolean, init: 'he' | 'glorot'): LabSettings => ({
  ...DEFAULT_LAB_SETTINGS,
  depth: d.settings.depth as LabSettings['depth'],
  width: d.settings.width,
  batchSize: d.settings.batchSize,
  seed: d.settings.seed,
  batchNorm,
  init,
});

describe('gradient-flow.json', () => {
  it('has plain-56 and ResNet-56 in the four batch-norm × initialisation settings, one entry per weight layer of the spec', () => {
    expect(d.settings.depth).toBe(56);
    expect(d.backend.name).toBe('wasm');
    expect(d.configs.map((c) => `${c.batchNorm}/${c.init}`)).toEqual(['false/glorot', 'false/he', 'true/he', 'true/glorot']);
    for (const c of d.configs) {
      const specs = labSpecs(settingsOf(c.batchNorm, c.init));
      c.nets.forEach((n, i) => {
        const spec = specs[i]!.spec;
        expect(n.specId).toBe(spec.id);
        // Conv and fc layers, input side first, projections included (summarize counts them).
        expect(n.layers.map((l) => l.id)).toEqual(summarize(spec, FASHION_INPUT).weightLayers.map((l) => l.id));
      });
    }
    expect(gradientFlowConfig(true, 'he').nets.map((n) => n.name)).toEqual(['Plain-56', 'ResNet-56']);
  });

  it('shows the vanishing the page describes: plain-56 without batch norm (Glorot) loses orders of magnitude, ResNet-56 does not', () => {
    expect(committedRatio(false, 'glorot', 'plain').orders).toBeLessThan(-6);
    expect(Math.abs(committedRatio(false, 'glorot', 'residual').orders)).toBeLessThan(1);
    // With batch norm and He initialisation nothing vanishes in either net: the gradient grows toward the input
    // (plain-56 by about three orders of magnitude), which the page says instead of calling the norms even.
    expect(committedRatio(true, 'he', 'plain').orders).toBeGreaterThan(0);
    expect(committedRatio(true, 'he', 'residual').orders).toBeGreaterThan(0);
  });

  it('rejects a malformed file with a clear message', () => {
    const bad = structuredClone(GRADIENT_FLOW) as unknown as { configs: { nets: { layers: { outputGradRms: number }[] }[] }[] };
    bad.configs[0]!.nets[0]!.layers[3]!.outputGradRms = -1;
    expect(() => checkGradientFlow(bad)).toThrow(/norms must be positive/);
    expect(() => checkGradientFlow({ version: 2 })).toThrow(/version must be 1/);
    expect(() => gradientFlowConfig(true, 'he', { ...GRADIENT_FLOW, configs: [] })).toThrow(/no run with batch norm on/);
  });

  it('is reproduced by a fresh backward pass through the lab session (batch norm off + Glorot, on + He)', async () => {
    await wasmTf();
    const events: LabEvent[] = [];
    const session = new LabSession({ tf, loadData: () => committedFashion(), post: (e) => events.push(e) });
    for (const [bn, init] of [
      [false, 'glorot'],
      [true, 'he'],
    ] as const) {
      events.length = 0;
      await session.handle({ type: 'gradients', settings: settingsOf(bn, init) });
      const g = events.find((e): e is Extract<LabEvent, { type: 'gradients' }> => e.type === 'gradients');
      expect(g, JSON.stringify(events.filter((e) => e.type === 'error'))).toBeDefined();
      const committed = gradientFlowConfig(bn, init);
      g!.nets.forEach((n, i) => {
        const want = committed.nets[i]!.layers;
        expect(n.layers).toHaveLength(want.length);
        // The first, a middle and the last layers, to 4 significant digits (the file keeps 6).
        for (const j of [0, Math.floor(want.length / 2), want.length - 2, want.length - 1]) {
          for (const k of ['outputGradRms', 'weightGradNorm'] as const) {
            expect(Math.abs(n.layers[j]![k] / want[j]![k] - 1), `${n.key} ${want[j]!.id} ${k}`).toBeLessThan(1e-4);
          }
        }
      });
    }
    expect(tf.memory().numTensors).toBe(0);
  });
});
