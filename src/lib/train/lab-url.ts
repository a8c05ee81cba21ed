/**
 * The training lab's settings in the page URL, so a reader can share a run ("?lab-depth=56&lab-bn=off").
 * Only the settings the form shows are kept, and only when they differ from the defaults. A value that
 * is malformed or out of range falls back to its default and says so in a polite note (a hand-edited
 * link must still open); keys that are not the lab's are left alone.
 */
import type { BackendName } from '../engine/protocol';
import { DEFAULT_LAB_SETTINGS, LAB_DEPTHS, LAB_LIMITS, type LabDepth, type LabSettings } from './lab-protocol';

/** The backends the lab offers (cpu is far too slow to train: see the README's Training section). */
export const LAB_BACKENDS = ['wasm', 'webgl', 'webgpu'] as const satisfies readonly BackendName[];
export type LabBackend = (typeof LAB_BACKENDS)[number];
export const DEFAULT_LAB_BACKEND: LabBackend = 'wasm';

/** What the form edits: the run's settings and the backend the worker starts. */
export interface LabFormState {
  readonly settings: LabSettings;
  readonly backend: LabBackend;
}

export const DEFAULT_LAB_FORM: LabFormState = { settings: DEFAULT_LAB_SETTINGS, backend: DEFAULT_LAB_BACKEND };

/** The query keys this module owns. */
export const LAB_URL_KEYS = ['lab-depth', 'lab-width', 'lab-bn', 'lab-lr', 'lab-batch', 'lab-iters', 'lab-backend', 'lab-run'] as const;

export interface DecodedLabUrl extends LabFormState {
  /** The URL asks for the run to start as soon as the lab is shown (`lab-run=1`). */
  readonly run: boolean;
  /** One sentence per value that was ignored, for a status line. */
  readonly notes: readonly string[];
}

type NumericKey = 'width' | 'learningRate' | 'batchSize' | 'maxIterations';
const NUMERIC: readonly { key: NumericKey; param: (typeof LAB_URL_KEYS)[number]; label: string; integer: boolean }[] = [
  { key: 'width', param: 'lab-width', label: 'width', integer: true },
  { key: 'learningRate', param: 'lab-lr', label: 'learning rate', integer: false },
  { key: 'batchSize', param: 'lab-batch', label: 'batch size', integer: true },
  { key: 'maxIterations', param: 'lab-iters', label: 'iterations', integer: true },
];

const isBackend = (v: string): v is LabBackend => (LAB_BACKENDS as readonly string[]).includes(v);

/** Reads the lab's settings from a query string; anything unusable keeps its default, with a note. */
export function decodeLabUrl(params: URLSearchParams): DecodedLabUrl {
  const notes: string[] = [];
  const ignore = (param: string, value: string, why: string): void => {
    notes.push(`The link's ${param}=${value} was ignored (${why}); the default is used.`);
  };
  const s: { -readonly [K in keyof LabSettings]: LabSettings[K] } = { ...DEFAULT_LAB_SETTINGS };

  const depth = params.get('lab-depth');
  if (depth !== null) {
    const d = Number(depth);
    if (LAB_DEPTHS.includes(d as LabDepth)) s.depth = d as LabDepth;
    else ignore('lab-depth', depth, `depth must be one of ${LAB_DEPTHS.join(', ')}`);
  }
  const bn = params.get('lab-bn');
  if (bn !== null) {
    if (bn === 'on' || bn === 'off') s.batchNorm = bn === 'on';
    else ignore('lab-bn', bn, 'batch norm is "on" or "off"');
  }
  for (const { key, param, label, integer } of NUMERIC) {
    const raw = params.get(param);
    if (raw === null) continue;
    const v = raw.trim() === '' ? Number.NaN : Number(raw);
    const [lo, hi] = LAB_LIMITS[key];
    if (!Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
      ignore(param, raw, `${label} must be ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}`);
    } else {
      s[key] = v;
    }
  }
  s.evalEvery = evalEveryFor(s.maxIterations);
  s.gradEvery = s.evalEvery;
  let backend: LabBackend = DEFAULT_LAB_BACKEND;
  const b = params.get('lab-backend');
  if (b !== null) {
    if (isBackend(b)) backend = b;
    else ignore('lab-backend', b, `the backend is one of ${LAB_BACKENDS.join(', ')}`);
  }
  return { settings: s, backend, run: params.get('lab-run') === '1', notes };
}

/** Writes the form's state into a copy of `params`: only non-default values, other keys untouched. */
export function encodeLabUrl(state: LabFormState & { readonly run?: boolean }, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const k of LAB_URL_KEYS) out.delete(k);
  const s = state.settings;
  const d = DEFAULT_LAB_SETTINGS;
  // An emptied or half-typed field (NaN) is left out: the link keeps the default instead.
  const put = (key: string, v: number, def: number): void => { if (Number.isFinite(v) && v !== def) out.set(key, String(v)); };
  put('lab-depth', s.depth, d.depth);
  put('lab-width', s.width, d.width);
  if (s.batchNorm !== d.batchNorm) out.set('lab-bn', s.batchNorm ? 'on' : 'off');
  put('lab-lr', s.learningRate, d.learningRate);
  put('lab-batch', s.batchSize, d.batchSize);
  put('lab-iters', s.maxIterations, d.maxIterations);
  if (state.backend !== DEFAULT_LAB_BACKEND) out.set('lab-backend', state.backend);
  if (state.run) out.set('lab-run', '1');
  return out;
}

/** `?a=1` or '' (no lone "?"), for history.replaceState. */
export function searchString(params: URLSearchParams): string {
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** The form's raw fields: a number field the reader emptied is null until Start validates it. */
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
  return { depth: s.depth, width: s.width, batchNorm: s.batchNorm, learningRate: s.learningRate, batchSize: s.batchSize, maxIterations: s.maxIterations, backend: state.backend };
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
