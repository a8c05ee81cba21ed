/**
 * What the reader chose on the model-zoo chart (axes, scale, hidden families, pinned models) and its
 * table of URL keys (`zoo.x=cpu&zoo.pin=VGG16,ResNet50`), so a reader can share exactly what they
 * see. Only non-default values are written; unknown or malformed values fall back to the defaults
 * (a hand-edited link must still open).
 */
import { defineUrlState, list, oneOf, type Codec } from '../url-state';
import { KERAS_MODELS, type Family } from '../data/keras-applications';
import { COST_AXES, METRICS, SCALES, type CostAxisId, type MetricId, type ScaleId } from './axes';
import { FAMILY_ORDER } from './families';

export interface ZooView {
  readonly x: CostAxisId;
  readonly y: MetricId;
  readonly scale: ScaleId;
  /** Families switched off in the legend, in FAMILY_ORDER. */
  readonly hidden: readonly Family[];
  /** Up to two pinned models; the first is the reference of the comparison. */
  readonly pinned: readonly string[];
}

/** Hidden families, always in legend order whatever order the link gives. */
const families: Codec<readonly Family[]> = (() => {
  const inner = list(oneOf(FAMILY_ORDER));
  const ordered = (fs: readonly Family[]) => FAMILY_ORDER.filter((f) => fs.includes(f));
  return { ...inner, parse: (raw) => ordered(inner.parse(raw) ?? []), format: (fs) => inner.format(ordered(fs)) };
})();

/** The first two known model names of the link (the reference stays the reference). */
const pins: Codec<readonly string[]> = (() => {
  const inner = list(oneOf(KERAS_MODELS.map((m) => m.name)));
  return { ...inner, parse: (raw) => (inner.parse(raw) ?? []).slice(0, 2), format: (ns) => inner.format(ns.slice(0, 2)) };
})();

export const ZOO_URL = defineUrlState<ZooView>('zoo', {
  x: { codec: oneOf(COST_AXES.map((a) => a.id)), default: 'params' },
  y: { codec: oneOf(METRICS.map((m) => m.id)), default: 'top1' },
  scale: { codec: oneOf(SCALES), default: 'log' },
  hidden: { codec: families, default: [] },
  pinned: { codec: pins, default: [] },
});

export const DEFAULT_VIEW: ZooView = ZOO_URL.defaults;

/** Pinning a third model drops the oldest; pinning a pinned model unpins it. */
export function togglePin(pinned: readonly string[], name: string): string[] {
  if (pinned.includes(name)) return pinned.filter((n) => n !== name);
  return [...pinned, name].slice(-2);
}
