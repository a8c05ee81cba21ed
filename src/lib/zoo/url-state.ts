/**
 * The model-zoo chart's state in the page URL, so a reader can share exactly what they see.
 * Only non-default values are written; unknown or malformed values fall back to the defaults
 * instead of breaking the chart (a hand-edited link must still open).
 */
import { kerasModelNames } from './table';
import { isCostAxisId, isMetricId, isScaleId, type CostAxisId, type MetricId, type ScaleId } from './axes';
import { FAMILY_ORDER, isFamily } from './families';
import type { Family } from '../data/keras-applications';

export interface ZooState {
  readonly x: CostAxisId;
  readonly y: MetricId;
  readonly scale: ScaleId;
  /** Families switched off in the legend, in FAMILY_ORDER. */
  readonly hidden: readonly Family[];
  /** Up to two pinned models; the first is the reference of the comparison. */
  readonly pinned: readonly string[];
}

export const DEFAULT_STATE: ZooState = { x: 'params', y: 'top1', scale: 'log', hidden: [], pinned: [] };

/** The query keys this module owns; other keys in the URL are left alone. */
export const STATE_KEYS = ['x', 'y', 'scale', 'hide', 'pin'] as const;

const list = (v: string | null): string[] => (v ? v.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : []);

export function decodeState(params: URLSearchParams): ZooState {
  const x = params.get('x') ?? '';
  const y = params.get('y') ?? '';
  const scale = params.get('scale') ?? '';
  const hiddenSet = new Set(list(params.get('hide')).filter(isFamily));
  const names = new Set(kerasModelNames());
  const pinned = [...new Set(list(params.get('pin')).filter((n) => names.has(n)))].slice(0, 2);
  return {
    x: isCostAxisId(x) ? x : DEFAULT_STATE.x,
    y: isMetricId(y) ? y : DEFAULT_STATE.y,
    scale: isScaleId(scale) ? scale : DEFAULT_STATE.scale,
    hidden: FAMILY_ORDER.filter((f) => hiddenSet.has(f)),
    pinned,
  };
}

/** Writes the state into `params` (a copy), leaving keys that are not the chart's untouched. */
export function encodeState(state: ZooState, params: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const k of STATE_KEYS) out.delete(k);
  if (state.x !== DEFAULT_STATE.x) out.set('x', state.x);
  if (state.y !== DEFAULT_STATE.y) out.set('y', state.y);
  if (state.scale !== DEFAULT_STATE.scale) out.set('scale', state.scale);
  const hidden = FAMILY_ORDER.filter((f) => state.hidden.includes(f));
  if (hidden.length > 0) out.set('hide', hidden.join(','));
  if (state.pinned.length > 0) out.set('pin', state.pinned.slice(0, 2).join(','));
  return out;
}

/** Pinning a third model drops the oldest; pinning a pinned model unpins it. */
export function togglePin(pinned: readonly string[], name: string): string[] {
  if (pinned.includes(name)) return pinned.filter((n) => n !== name);
  return [...pinned, name].slice(-2);
}
