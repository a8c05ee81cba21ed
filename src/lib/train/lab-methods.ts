/**
 * The training lab's methods and types: its settings and their limits, the session's commands and events, and
 * the method map its Web Worker serves through the worker runtime (src/lib/worker-rpc). Everything
 * that crosses is plain, structured-cloneable data; the worker turns each call into a `LabCommand`
 * for its `LabSession` and streams the session's `LabEvent`s back on the call.
 */
import type { BackendChoice, BackendInfo } from '../worker-rpc';
import type { InitScheme, LayerGradNorm, NetKey } from '../data/gradient-flow';
import type { LandscapeGrid } from '../landscape/grid';

export type { NetKey };

export const LAB_DEPTHS = [8, 20, 32, 44, 56] as const;
export type LabDepth = (typeof LAB_DEPTHS)[number];

export interface LabSettings {
  /** 6n + 2 weight layers (CIFAR-style nets of He et al. §4.2). */
  readonly depth: LabDepth;
  /** Filters of the first stage (the stages have width, 2·width, 4·width). */
  readonly width: number;
  readonly batchNorm: boolean;
  readonly init: InitScheme;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly momentum: number;
  readonly weightDecay: number;
  /** Seed of the initial weights and of the batch order (shared by both nets). */
  readonly seed: number;
  /** The run stops after this many iterations. */
  readonly maxIterations: number;
  /** Training and test error every this many iterations. */
  readonly evalEvery: number;
  /** Images of each set the error is measured on. */
  readonly evalCount: number;
  /** Per-layer gradient norms every this many iterations (0: only on request). */
  readonly gradEvery: number;
}

export const DEFAULT_LAB_SETTINGS: LabSettings = {
  depth: 20,
  width: 8,
  batchNorm: true,
  init: 'he',
  learningRate: 0.05,
  batchSize: 64,
  momentum: 0.9,
  weightDecay: 1e-4,
  seed: 1,
  maxIterations: 400,
  evalEvery: 40,
  evalCount: 500,
  gradEvery: 40,
};

/** Accepted ranges, for the settings form and for `validateLabSettings`. */
export const LAB_LIMITS = {
  width: [2, 32],
  learningRate: [1e-5, 2],
  batchSize: [4, 256],
  momentum: [0, 0.999],
  weightDecay: [0, 0.1],
  maxIterations: [1, 100_000],
  evalEvery: [1, 10_000],
  evalCount: [50, 2000],
  gradEvery: [0, 10_000],
} as const;

/** What a `LabSession` is asked to do (the worker's methods, and Node scripts and tests, call `handle`). */
export type LabCommand =
  | { readonly type: 'start'; readonly settings: LabSettings }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'reset' }
  /** One backward pass now (at initialisation if no run is going, with these settings). */
  | { readonly type: 'gradients'; readonly settings?: LabSettings }
  | { readonly type: 'memory' };

export type LabState = 'idle' | 'loading' | 'running' | 'paused' | 'done';

export interface LabNetInfo {
  readonly key: NetKey;
  /** Spec id, e.g. "cifar-plain56-w8". */
  readonly id: string;
  /** e.g. "Plain-56". */
  readonly name: string;
  readonly depth: number;
  /** Trainable parameters, from the spec. */
  readonly params: number;
  /** Multiply-accumulates per 28×28 image, from the spec. */
  readonly macsPerImage: number;
  /** Conv and fc layers (one gradient-norm mark each). */
  readonly weightLayers: number;
}

export interface LabNetStep {
  readonly key: NetKey;
  /** Mean loss of this step's batch (before the update). */
  readonly loss: number;
  /** Fraction of the batch misclassified (training mode, before the update). */
  readonly batchError: number;
  readonly msPerStep: number;
  readonly imagesPerSecond: number;
}

export type LabEvent =
  | { readonly type: 'state'; readonly state: LabState }
  /** The worker's answer to 'init': the backend that started (after any fallback). */
  | { readonly type: 'backend'; readonly info: BackendInfo }
  | { readonly type: 'loading'; readonly loaded: number; readonly total: number | null }
  | {
      readonly type: 'ready';
      readonly settings: LabSettings;
      readonly nets: readonly LabNetInfo[];
      readonly estimate: { readonly bytes: number; readonly secondsPerStep: number };
    }
  | { readonly type: 'refused'; readonly message: string; readonly estimate?: { readonly bytes: number; readonly secondsPerStep: number } }
  | { readonly type: 'step'; readonly iteration: number; readonly epoch: number; readonly nets: readonly LabNetStep[] }
  | {
      readonly type: 'eval';
      readonly iteration: number;
      readonly nets: readonly { readonly key: NetKey; readonly trainError: number; readonly testError: number }[];
    }
  | {
      readonly type: 'gradients';
      readonly iteration: number;
      readonly nets: readonly { readonly key: NetKey; readonly layers: readonly LayerGradNorm[] }[];
    }
  | { readonly type: 'diverged'; readonly iteration: number; readonly key: NetKey; readonly loss: number }
  | { readonly type: 'done'; readonly iteration: number }
  | { readonly type: 'memory'; readonly numTensors: number; readonly numBytes: number }
  | { readonly type: 'error'; readonly message: string };

/**
 * The lab worker's methods. `start` streams the run's events until it is done, reset or replaced;
 * the other commands' events (a pause, a reset) arrive on the run's stream while one is open, else on
 * their own call; events tied to no call (a backend failing later) are broadcast.
 */
export interface LabMethods {
  /** Starts the backend (the wasm one with the convolution-gradient kernels). */
  init: { args: { backend: BackendChoice; /** wasm threads (1 = off). */ threads?: number }; result: BackendInfo };
  start: { args: LabSettings; result: void; event: LabEvent };
  pause: { args: null; result: void; event: LabEvent };
  resume: { args: null; result: void; event: LabEvent };
  reset: { args: null; result: void; event: LabEvent };
  /** One backward pass now (at initialisation if no run is going, with these settings). */
  gradients: { args: LabSettings; result: void; event: LabEvent };
  memory: { args: null; result: { numTensors: number; numBytes: number } };
  /** The loss over a grid around each trained net (paused or done), one net after the other; a
   * newer call, Start, Resume or Reset ends it (its tensors freed, the weights restored). */
  landscape: { args: LandscapeArgs; result: { iteration: number }; event: LandscapeEvent };
}

/** What the live landscape asks for: `steps` × `steps` points in α, β ∈ [−1, 1] on `images` training images. */
export interface LandscapeArgs {
  readonly steps: number;
  readonly images: number;
  readonly seed: number;
}

export type LandscapeEvent =
  | { readonly type: 'progress'; readonly key: NetKey; readonly done: number; readonly total: number }
  /** One net's grid (`loss[j · n + i]` at α = coords[i], β = coords[j]); NaN where the loss was not finite. */
  | { readonly type: 'grid'; readonly key: NetKey; readonly grid: LandscapeGrid };

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks settings from a form or a URL; a polite message says what is wrong. */
export function validateLabSettings(s: unknown): { ok: true; settings: LabSettings } | { ok: false; message: string } {
  if (typeof s !== 'object' || s === null) return { ok: false, message: 'No settings were given.' };
  const o = s as Record<string, unknown>;
  if (!LAB_DEPTHS.includes(o['depth'] as LabDepth)) return { ok: false, message: `Depth must be one of ${LAB_DEPTHS.join(', ')}.` };
  if (typeof o['batchNorm'] !== 'boolean') return { ok: false, message: 'Batch norm must be on or off.' };
  if (o['init'] !== 'he' && o['init'] !== 'glorot') return { ok: false, message: 'Initialisation must be "he" or "glorot".' };
  for (const [k, [lo, hi]] of Object.entries(LAB_LIMITS)) {
    const v = o[k];
    if (!num(v) || v < lo || v > hi) return { ok: false, message: `${k} must be a number from ${lo} to ${hi}.` };
  }
  for (const k of ['width', 'batchSize', 'maxIterations', 'evalEvery', 'evalCount', 'gradEvery', 'seed'] as const) {
    if (!Number.isInteger(o[k])) return { ok: false, message: `${k} must be a whole number.` };
  }
  return { ok: true, settings: o as unknown as LabSettings };
}
