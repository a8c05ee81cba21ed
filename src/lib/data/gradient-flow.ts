/**
 * The committed gradient-flow run (`npm run train:gradients`, scripts/gradient-flow.mjs): per-layer
 * gradient norms of plain-56 and ResNet-56 at initialisation, one backward pass on the first 64
 * Fashion-MNIST training images, for batch norm off/on × He/Glorot initialisation, computed by the
 * lab session's 'gradients' command in Node on wasm. The ResNet page's prose takes its numbers from
 * here; a unit test recomputes some of them.
 */
import raw from './gradient-flow.json';
import type { InitScheme } from '../train/net';
import type { NetKey } from '../train/lab-protocol';
import type { LayerGradNorm } from '../train/trainer';
import { CLASSIFIER_ID, flowRatio, type FlowRatio, type GradMetric } from '../train/gradient-summary';

export interface GradientFlowNet {
  readonly key: NetKey;
  readonly specId: string;
  /** "Plain-56", "ResNet-56". */
  readonly name: string;
  readonly layers: readonly LayerGradNorm[];
}

export interface GradientFlowConfig {
  readonly batchNorm: boolean;
  readonly init: InitScheme;
  readonly nets: readonly GradientFlowNet[];
}

export interface GradientFlowData {
  readonly version: 1;
  readonly generatedBy: string;
  readonly date: string;
  readonly dataset: { readonly name: string; readonly files: string; readonly batch: string; readonly normalisation: { readonly mean: number; readonly std: number } };
  readonly settings: { readonly depth: number; readonly width: number; readonly batchSize: number; readonly seed: number };
  readonly backend: { readonly name: string; readonly threads: number };
  readonly seconds: number;
  readonly configs: readonly GradientFlowConfig[];
}

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Checks the shape and invariants (throws with the first problem). */
export function checkGradientFlow(x: unknown): GradientFlowData {
  const d = x as GradientFlowData;
  const fail = (m: string): never => { throw new Error(`gradient-flow.json: ${m}`); };
  if (typeof d !== 'object' || d === null || d.version !== 1) fail('version must be 1');
  if (!Number.isInteger(d.settings?.depth) || !Number.isInteger(d.settings.seed)) fail('settings need a whole depth and seed');
  if (!Array.isArray(d.configs) || d.configs.length === 0) fail('no configurations');
  const seen = new Set<string>();
  for (const c of d.configs) {
    const tag = `batch norm ${c.batchNorm ? 'on' : 'off'}, ${c.init}`;
    if (typeof c.batchNorm !== 'boolean' || (c.init !== 'he' && c.init !== 'glorot')) fail(`${tag}: batchNorm must be a boolean, init "he" or "glorot"`);
    if (seen.has(tag)) fail(`${tag}: listed twice`);
    seen.add(tag);
    if (c.nets.map((n) => n.key).join(',') !== 'plain,residual') fail(`${tag}: nets must be plain, residual`);
    for (const n of c.nets) {
      if (n.layers.length < 2) fail(`${tag}, ${n.name}: too few layers`);
      n.layers.forEach((l, i) => {
        if (l.layer !== i + 1) fail(`${tag}, ${n.name}: layer ${i + 1} is numbered ${l.layer}`);
        if (![l.outputGradNorm, l.outputGradRms, l.weightGradNorm].every(positive)) fail(`${tag}, ${n.name}, ${l.id}: norms must be positive numbers`);
      });
    }
  }
  return d;
}

export const GRADIENT_FLOW: GradientFlowData = checkGradientFlow(raw);

/** One configuration of the committed run (throws if it was not run). */
export function gradientFlowConfig(batchNorm: boolean, init: InitScheme, data: GradientFlowData = GRADIENT_FLOW): GradientFlowConfig {
  const c = data.configs.find((x) => x.batchNorm === batchNorm && x.init === init);
  if (!c) throw new Error(`gradient-flow.json has no run with batch norm ${batchNorm ? 'on' : 'off'} and ${init} initialisation`);
  return c;
}

/** First-to-last ratio of one net in one configuration (throws if it cannot be computed). */
export function committedRatio(batchNorm: boolean, init: InitScheme, key: NetKey, metric: GradMetric = 'outputGradRms'): FlowRatio & { readonly name: string } {
  const net = gradientFlowConfig(batchNorm, init).nets.find((n) => n.key === key);
  const r = net ? flowRatio(net.layers, metric) : null;
  if (!net || !r) throw new Error(`gradient-flow.json: no ${metric} ratio for ${key}`);
  return { ...r, name: net.name };
}

/** Smallest and largest value of a metric over one net's convolutions (the classifier left out). */
export function convRange(batchNorm: boolean, init: InitScheme, key: NetKey, metric: GradMetric): { readonly min: number; readonly max: number } {
  const net = gradientFlowConfig(batchNorm, init).nets.find((n) => n.key === key);
  const v = (net?.layers ?? []).filter((l) => l.id !== CLASSIFIER_ID).map((l) => l[metric]);
  if (v.length === 0) throw new Error(`gradient-flow.json: no convolutions for ${key}`);
  return { min: Math.min(...v), max: Math.max(...v) };
}
