/**
 * What the training lab's form edits: the run's settings and the backend its worker starts, as raw
 * fields (a number field the reader emptied is null until Start validates it).
 */
import type { BackendName } from '../worker-rpc';
import { DEFAULT_LAB_SETTINGS, type LabDepth, type LabSettings } from './lab-methods';

/** The backends the lab offers (cpu is far too slow to train: see the README's Training section). */
export const LAB_BACKENDS = ['wasm', 'webgl', 'webgpu'] as const satisfies readonly BackendName[];
export type LabBackend = (typeof LAB_BACKENDS)[number];
export const DEFAULT_LAB_BACKEND: LabBackend = 'wasm';

export interface LabFormState {
  readonly settings: LabSettings;
  readonly backend: LabBackend;
}

export const DEFAULT_LAB_FORM: LabFormState = { settings: DEFAULT_LAB_SETTINGS, backend: DEFAULT_LAB_BACKEND };

export interface LabFormFields {
  depth: number;
  width: number | null;
  batchNorm: boolean;
  learningRate: number | null;
  batchSize: number | null;
  maxIterations: number | null;
  backend: LabBackend;
}

export function formFields(state: LabFormState): LabFormFields {
  const s = state.settings;
  return {
    depth: s.depth,
    width: s.width,
    batchNorm: s.batchNorm,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    maxIterations: s.maxIterations,
    backend: state.backend,
  };
}

/** The settings the form asks for (not yet validated: `validateLabSettings` says what is wrong). */
export function formState(f: LabFormFields): LabFormState {
  // Svelte binds an emptied number field as null (or undefined): NaN, so validation names the field.
  const n = (v: number | null | undefined): number => (typeof v === 'number' ? v : Number.NaN);
  const iters = n(f.maxIterations);
  const every = evalEveryFor(iters);
  const settings = {
    ...DEFAULT_LAB_SETTINGS,
    depth: f.depth as LabDepth,
    width: n(f.width),
    batchNorm: f.batchNorm,
    learningRate: n(f.learningRate),
    batchSize: n(f.batchSize),
    maxIterations: iters,
    evalEvery: every,
    gradEvery: every,
  };
  return { settings, backend: f.backend };
}

/** Errors and gradients about ten times a run, at most every 40 iterations (the reference runs' rate). */
export function evalEveryFor(maxIterations: number): number {
  if (!Number.isFinite(maxIterations)) return DEFAULT_LAB_SETTINGS.evalEvery;
  return Math.min(DEFAULT_LAB_SETTINGS.evalEvery, Math.max(1, Math.round(maxIterations / 10)));
}
