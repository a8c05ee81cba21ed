/**
 * The committed loss landscapes (`npm run train:landscape`, scripts/train-landscape.ts): plain-20,
 * ResNet-20, plain-56 and ResNet-56 trained with one recipe (the training lab's defaults) on the
 * Fashion-MNIST subset, their weights under public/tiny-models/landscape-<kind>-<depth>/, and each
 * net's training loss on a fixed set of training images over a grid α, β ∈ [−1, 1] along two seeded
 * filter-normalised directions (Li et al. 2018 §4), plus a 1-D slice along the first. A loss that
 * was not finite is stored as null and read as NaN.
 */
import raw from './landscape.json';

export type LandscapeKind = 'plain' | 'resnet';

export interface LandscapeNet {
  readonly id: string;
  readonly kind: LandscapeKind;
  readonly depth: number;
  /** "plain-20", "ResNet-56". */
  readonly name: string;
  readonly specId: string;
  /** Site path of model.json. */
  readonly model: string;
  readonly bytes: number;
  readonly params: number;
  /** Training steps whose loss was not finite (the step was skipped). */
  readonly divergedSteps: number;
  readonly testError: number;
  readonly testCount: number;
  /** Error on the first `trainCount` training images. */
  readonly trainError: number;
  readonly trainCount: number;
  readonly trainSeconds: number;
  readonly landscapeSeconds: number;
  readonly grid: { readonly n: number; readonly range: number; readonly loss: readonly number[] };
  readonly slice: { readonly n: number; readonly range: number; readonly loss: readonly number[] };
}

export interface LandscapeData {
  readonly version: 1;
  readonly generatedBy: string;
  readonly date: string;
  /** False while a run was still going (fewer nets). */
  readonly complete: boolean;
  readonly dataset: { readonly name: string; readonly trainImages: number; readonly testImages: number };
  readonly recipe: {
    readonly width: number;
    readonly init: string;
    readonly batchNorm: boolean;
    readonly learningRate: number;
    readonly batchSize: number;
    readonly momentum: number;
    readonly weightDecay: number;
    readonly seed: number;
    readonly iterations: number;
  };
  readonly landscape: {
    readonly images: { readonly set: 'train'; readonly first: number };
    readonly directionSeeds: readonly [number, number];
    readonly normalisation: 'filter';
    readonly grid: { readonly n: number; readonly range: number };
    readonly slice: { readonly n: number; readonly range: number; readonly direction: number };
  };
  readonly backend: { readonly name: string; readonly threads: number };
  readonly machine: { readonly cpu: string; readonly cores: number };
  /** Wall-clock time of the whole run (training, grids and slices). */
  readonly seconds: number;
  /** How the run was made, when it was not one plain `npm run train:landscape`. */
  readonly note?: string;
  readonly nets: readonly LandscapeNet[];
}

const ORDER = ['landscape-plain-20', 'landscape-resnet-20', 'landscape-plain-56', 'landscape-resnet-56'];

const losses = (xs: unknown, length: number, what: string, fail: (m: string) => never): number[] => {
  if (!Array.isArray(xs) || xs.length !== length) return fail(`${what}: ${length} losses expected`);
  return xs.map((v: unknown) => (v === null ? NaN : typeof v === 'number' && v >= 0 ? v : fail(`${what}: ${String(v)} is not a loss`)));
};

/** Checks the shape and invariants (throws with the first problem); nulls become NaN. */
export function checkLandscapeData(x: unknown): LandscapeData {
  const fail = (m: string): never => {
    throw new Error(`landscape.json: ${m}`);
  };
  const d = x as LandscapeData;
  if (typeof d !== 'object' || d === null || d.version !== 1) fail('version must be 1');
  const ids = d.nets.map((n) => n.id);
  if (ids.some((id, i) => id !== ORDER[i]))
    fail(`nets must be ${ORDER.join(', ')} in that order (a run may stop early), not ${ids.join(', ')}`);
  if (d.complete && ids.length !== ORDER.length) fail('a complete run has all four nets');
  const { grid, slice } = d.landscape;
  if (grid.n % 2 !== 1 || slice.n % 2 !== 1) fail('grids and slices need an odd number of points (the centre is the trained net)');
  const nets = d.nets.map((n) => {
    if (n.grid.n !== grid.n || n.grid.range !== grid.range) fail(`${n.id}: grid differs from the run's`);
    if (n.slice.n !== slice.n || n.slice.range !== slice.range) fail(`${n.id}: slice differs from the run's`);
    if (n.id !== `landscape-${n.kind}-${n.depth}`) fail(`${n.id}: kind and depth do not match the id`);
    if (!(n.testError >= 0 && n.testError <= 1 && n.trainError >= 0 && n.trainError <= 1)) fail(`${n.id}: errors must be fractions`);
    if (n.bytes > 2.2 * 2 ** 20) fail(`${n.id}: ${n.bytes} bytes is over the 2 MB budget`);
    const g = losses(n.grid.loss, grid.n * grid.n, `${n.id} grid`, fail);
    const s = losses(n.slice.loss, slice.n, `${n.id} slice`, fail);
    const mid = (grid.n - 1) / 2;
    if (!Number.isFinite(g[mid * grid.n + mid])) fail(`${n.id}: the trained net's own loss is not finite`);
    return { ...n, grid: { ...n.grid, loss: g }, slice: { ...n.slice, loss: s } };
  });
  return { ...d, nets };
}

export const LANDSCAPE_DATA: LandscapeData = checkLandscapeData(raw);
