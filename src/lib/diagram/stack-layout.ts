/**
 * `layoutStack`, the diagram's compare mode: several models as columns on one shared vertical scale
 * of MACs or parameters, each unit a segment whose height is its share of the work or weights (no
 * DOM, no d3).
 */
import type { AnalyzedModel } from '../arch';
import { isCollapsible } from './glyph-sizes';

export type StackMetric = 'macs' | 'params';

export interface StackSegment {
  readonly key: string;
  /** Steps covered (a layer, or a whole residual block). */
  readonly first: number;
  readonly last: number;
  readonly stage: number;
  readonly label: string;
  readonly value: number;
  readonly y: number;
  readonly h: number;
}

export interface StackColumn {
  readonly model: AnalyzedModel;
  readonly x: number;
  readonly width: number;
  readonly total: number;
  /** Height of the whole column: total × the shared scale. */
  readonly height: number;
  readonly segments: readonly StackSegment[];
}

export interface StackLayout {
  readonly metric: StackMetric;
  readonly columns: readonly StackColumn[];
  /** Pixels per unit of the metric, shared by every column. */
  readonly scale: number;
  readonly width: number;
  readonly height: number;
}

const valueOf = (t: { macs: number; params: number }, metric: StackMetric): number => (metric === 'macs' ? t.macs : t.params);

/**
 * Columns for `models` at one vertical scale: the largest total gets `height` pixels. Units are the
 * collapsed view's glyphs (layers, or residual blocks); units with no MACs or parameters (ReLU,
 * pooling) take no height and are left out.
 */
export function layoutStack(
  models: readonly AnalyzedModel[],
  metric: StackMetric,
  opts: { height?: number; columnWidth?: number; gap?: number; top?: number } = {},
): StackLayout {
  const height = opts.height ?? 560;
  const colW = opts.columnWidth ?? 120;
  const gap = opts.gap ?? 150;
  const top = opts.top ?? 28;
  const max = Math.max(...models.map((m) => valueOf(m.totals, metric)));
  const scale = height / max;
  const columns = models.map((model, i): StackColumn => {
    const segments: StackSegment[] = [];
    let y = top;
    model.blocks.forEach((b) => {
      const units = isCollapsible(b)
        ? [{ key: b.id, first: b.first, last: b.last, label: b.name, value: valueOf(b.totals, metric) }]
        : model.steps
            .slice(b.first, b.last + 1)
            .map((s) => ({ key: s.id, first: s.index, last: s.index, label: s.id, value: valueOf(s, metric) }));
      for (const u of units) {
        if (u.value <= 0) continue;
        const h = u.value * scale;
        segments.push({ ...u, stage: b.stageIndex, y, h });
        y += h;
      }
    });
    const total = valueOf(model.totals, metric);
    return { model, x: 12 + i * (colW + gap), width: colW, total, height: total * scale, segments };
  });
  return {
    metric,
    columns,
    scale,
    width: 12 + models.length * colW + (models.length - 1) * gap + 12,
    height: top + height + 8,
  };
}
