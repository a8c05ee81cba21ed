/**
 * The committed gradient-flow run (`npm run train:gradients`, scripts/gradient-flow.mjs): per-layer
 * gradient norms of plain-56 and ResNet-56 at initialisation, one backward pass on the first 64
 * Fashion-MNIST training images, for batch norm off/on × He/Glorot initialisation, computed by the
 * lab session's 'gradients' command in Node on wasm. The ResNet page's prose takes its numbers from
 * here; a unit test recomputes some of them.
 */
import raw from './gradient-flow.json';

/** Which of the two nets trained side by side (the lab's and this run's). */
export type NetKey = 'plain' | 'residual';

/** `he`: Kaiming normal (std √(2 / fan_in)), what He et al. use. `glorot`: Glorot uniform, the
 * Keras default (variance 2 / (fan_in + fan_out)), which halves the signal through every ReLU layer. */
export type InitScheme = 'he' | 'glorot';

/** One weight layer's gradient norms from one backward pass (src/lib/train/trainer.ts `gradientNorms`).
 * Declared with the data it describes, so lib/data needs nothing from lib/train. */
export interface LayerGradNorm {
  /** Step id (the layer name). */
  readonly id: string;
  /** 1-based position among the weight layers (conv and fc), input side first. */
  readonly layer: number;
  readonly stageIndex: number;
  /** ‖∂L/∂y‖₂ for the layer's output y over the whole batch. */
  readonly outputGradNorm: number;
  /** The same per value, ‖∂L/∂y‖₂ / √(number of values): comparable across stages whose outputs
   * differ in size (28×28×w against 7×7×4w). */
  readonly outputGradRms: number;
  /** ‖∂L/∂W‖₂ of the layer's kernel. */
  readonly weightGradNorm: number;
}

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
  readonly dataset: {
    readonly name: string;
    readonly files: string;
    readonly batch: string;
    readonly normalisation: { readonly mean: number; readonly std: number };
  };
  readonly settings: { readonly depth: number; readonly width: number; readonly batchSize: number; readonly seed: number };
  readonly backend: { readonly name: string; readonly threads: number };
  readonly seconds: number;
  readonly configs: readonly GradientFlowConfig[];
}

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Checks the shape and invariants (throws with the first problem). */
export function checkGradientFlow(x: unknown): GradientFlowData {
  const d = x as GradientFlowData;
  const fail = (m: string): never => {
    throw new Error(`gradient-flow.json: ${m}`);
  };
  if (typeof d !== 'object' || d === null || d.version !== 1) fail('version must be 1');
  if (!Number.isInteger(d.settings?.depth) || !Number.isInteger(d.settings.seed)) fail('settings need a whole depth and seed');
  if (!Array.isArray(d.configs) || d.configs.length === 0) fail('no configurations');
  const seen = new Set<string>();
  for (const c of d.configs) {
    const tag = `batch norm ${c.batchNorm ? 'on' : 'off'}, ${c.init}`;
    if (typeof c.batchNorm !== 'boolean' || (c.init !== 'he' && c.init !== 'glorot'))
      fail(`${tag}: batchNorm must be a boolean, init "he" or "glorot"`);
    if (seen.has(tag)) fail(`${tag}: listed twice`);
    seen.add(tag);
    if (c.nets.map((n) => n.key).join(',') !== 'plain,residual') fail(`${tag}: nets must be plain, residual`);
    for (const n of c.nets) {
      if (n.layers.length < 2) fail(`${tag}, ${n.name}: too few layers`);
      n.layers.forEach((l, i) => {
        if (l.layer !== i + 1) fail(`${tag}, ${n.name}: layer ${i + 1} is numbered ${l.layer}`);
        if (![l.outputGradNorm, l.outputGradRms, l.weightGradNorm].every(positive))
          fail(`${tag}, ${n.name}, ${l.id}: norms must be positive numbers`);
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
