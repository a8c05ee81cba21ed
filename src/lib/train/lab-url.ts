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
  if (s.depth !== d.depth) out.set('lab-depth', String(s.depth));
  if (s.width !== d.width) out.set('lab-width', String(s.width));
  if (s.batchNorm !== d.batchNorm) out.set('lab-bn', s.batchNorm ? 'on' : 'off');
  if (s.learningRate !== d.learningRate) out.set('lab-lr', String(s.learningRate));
  if (s.batchSize !== d.batchSize) out.set('lab-batch', String(s.batchSize));
  if (s.maxIterations !== d.maxIterations) out.set('lab-iters', String(s.maxIterations));
  if (state.backend !== DEFAULT_LAB_BACKEND) out.set('lab-backend', state.backend);
  if (state.run) out.set('lab-run', '1');
  return out;
}

/** `?a=1` or '' (no lone "?"), for history.replaceState. */
export function searchString(params: URLSearchParams): string {
  const q = params.toString();
  return q ? `?${q}` : '';
}
