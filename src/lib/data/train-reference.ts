/**
 * The project's own reference runs (issue 9): plain-20, plain-56, ResNet-20 and ResNet-56 trained
 * on the committed Fashion-MNIST subset by `npm run train:reference` (scripts/train-reference.mjs),
 * with the site's training library in Node on wasm. The JSON is written by that script only; this
 * file types and checks it. The lab draws these curves behind the reader's live run.
 */
import raw from './train-reference.json';

export interface ReferencePoint {
  readonly iteration: number;
  /** Mean training-batch loss since the previous point (null at iteration 0). */
  readonly trainLoss: number | null;
  /** Fraction of training-batch images misclassified since the previous point, in training mode. */
  readonly batchTrainError: number | null;
  /** Error on the first `evalTrainCount` training images (inference mode). */
  readonly trainError: number;
  /** Error on the first `evalTestCount` test images (inference mode). */
  readonly testError: number;
}

export interface ReferenceRun {
  readonly id: 'plain20' | 'plain56' | 'resnet20' | 'resnet56';
  readonly specId: string;
  readonly name: string;
  readonly depth: number;
  readonly shortcuts: boolean;
  readonly params: number;
  readonly macsPerImage: number;
  readonly msPerStep: number;
  readonly imagesPerSecond: number;
  readonly diverged: { readonly iteration: number; readonly loss: string } | null;
  readonly points: readonly ReferencePoint[];
}

export interface TrainReference {
  readonly version: 1;
  readonly generatedBy: string;
  readonly date: string;
  readonly dataset: {
    readonly name: string;
    readonly source: string;
    readonly files: string;
    readonly trainImages: number;
    readonly testImages: number;
    readonly normalisation: { readonly mean: number; readonly std: number };
  };
  readonly settings: {
    readonly iterations: number;
    readonly iterationsDone: number;
    readonly stopped: string | null;
    readonly batchSize: number;
    readonly learningRate: number;
    readonly momentum: number;
    readonly weightDecay: number;
    readonly width: number;
    readonly batchNorm: boolean;
    readonly init: 'he' | 'glorot';
    readonly seed: number;
    readonly evalEvery: number;
    readonly evalTrainCount: number;
    readonly evalTestCount: number;
  };
  readonly backend: { readonly name: string; readonly threads: number; readonly kernels: string };
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGiB: number;
    readonly node: string;
    readonly platform: string;
  };
  readonly wallSeconds: number;
  readonly runs: readonly ReferenceRun[];
}

const fail = (msg: string): never => {
  throw new Error(`train-reference.json: ${msg}`);
};
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRate = (v: unknown): boolean => isNum(v) && v >= 0 && v <= 1;

/** Checks the shape and the invariants a chart relies on (throws with the first problem). */
export function checkTrainReference(x: unknown): TrainReference {
  const r = x as TrainReference;
  if (typeof r !== 'object' || r === null || r.version !== 1) fail('version must be 1');
  const s = r.settings;
  for (const k of [
    'iterations',
    'iterationsDone',
    'batchSize',
    'learningRate',
    'width',
    'seed',
    'evalEvery',
    'evalTrainCount',
    'evalTestCount',
  ] as const) {
    if (!isNum(s[k])) fail(`settings.${k} must be a number`);
  }
  if (s.iterationsDone > s.iterations) fail('more iterations done than planned');
  if (!isNum(r.wallSeconds) || r.wallSeconds <= 0) fail('wallSeconds must be positive');
  if (r.backend.name !== 'wasm' || !isNum(r.backend.threads)) fail('backend must be wasm with a thread count');
  if (!isNum(r.machine.cores) || typeof r.machine.cpu !== 'string') fail('machine must say its cpu and cores');
  const ids = r.runs.map((run) => run.id).join(',');
  if (ids !== 'plain20,plain56,resnet20,resnet56') fail(`runs must be plain20, plain56, resnet20, resnet56 (got ${ids})`);
  for (const run of r.runs) {
    if (run.shortcuts !== run.id.startsWith('resnet')) fail(`${run.id}: shortcuts flag`);
    if (!isNum(run.params) || !isNum(run.macsPerImage) || run.params <= 0) fail(`${run.id}: params and MACs`);
    if (run.points.length < 2) fail(`${run.id}: needs at least two points`);
    if (run.points[0]?.iteration !== 0) fail(`${run.id}: the first point must be iteration 0`);
    let prev = -1;
    for (const p of run.points) {
      if (!Number.isInteger(p.iteration) || p.iteration <= prev) fail(`${run.id}: iterations must increase`);
      prev = p.iteration;
      if (!isRate(p.trainError) || !isRate(p.testError)) fail(`${run.id} @${p.iteration}: errors must be fractions`);
      if (p.iteration > 0 && (!isNum(p.trainLoss) || !isRate(p.batchTrainError))) fail(`${run.id} @${p.iteration}: loss and batch error`);
    }
    if (!run.diverged && run.points.at(-1)?.iteration !== s.iterationsDone) fail(`${run.id}: last point must be the last iteration done`);
  }
  return r;
}

export const TRAIN_REFERENCE: TrainReference = checkTrainReference(raw);
