// The model-zoo chart's state and actions, apart from any markup: the reader's view (axes, scale,
// hidden families, pins; mirrored in the URL), the inspected point, the table's sort, and everything
// derived from them. The island and its parts read it and call its methods; unit-tested in Node.
import { KERAS_MODELS, kerasRow, type Family } from '../../lib/data/keras-applications';
import { METRICS, SCALES, costAxis, isCostAxisId, metric, type MetricId, type ScaleId } from '../../lib/zoo/axes';
import { compareModels } from '../../lib/zoo/pin-comparison';
import { leftOutNote, splitPlottable } from '../../lib/zoo/missing';
import { nextSort, sortModels, type ColumnId, type SortDir } from '../../lib/zoo/table';
import { DEFAULT_VIEW, ZOO_URL, togglePin, type ZooView } from '../../lib/zoo/view';
import { earlyOneOf, type EarlySettings } from '../../lib/early-clicks';

/** The inspected model and where its marker is, px within the plot. */
export interface Inspected {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

export class ZooState {
  view = $state<ZooView>(DEFAULT_VIEW);
  inspected = $state<Inspected | null>(null);
  sort = $state<{ by: ColumnId; dir: SortDir }>({ by: 'top1', dir: 'descending' });

  readonly rows = $derived(sortModels(KERAS_MODELS, this.sort.by, this.sort.dir));
  readonly comparison = $derived.by(() => {
    const [a, b] = this.view.pinned;
    return a !== undefined && b !== undefined ? compareModels(a, b, this.view.x, this.view.y) : null;
  });
  /** Rows of the shown families that this view cannot draw (a value the source does not give). */
  readonly missingNote = $derived(
    leftOutNote(
      splitPlottable(
        KERAS_MODELS.filter((m) => !this.view.hidden.includes(m.family)),
        costAxis(this.view.x),
        metric(this.view.y),
      ),
    ),
  );
  readonly inspectedModel = $derived(this.inspected ? kerasRow(this.inspected.name) : null);

  /** Takes the view from a page's query string (a shared link). */
  readUrl(search: string): void {
    this.view = ZOO_URL.read(search);
  }

  /** The page's query string with this view written in (other keys kept), '' or `?…`. */
  urlQuery(search: string): string {
    const query = ZOO_URL.write(this.view, new URLSearchParams(search)).toString();
    return query ? `?${query}` : '';
  }

  /**
   * The axes and scale a reader chose before the chart hydrated (src/lib/early-clicks.ts: `metric`,
   * `x`, `scale`), over the link's view; a value the controls do not offer is ignored.
   */
  applyEarly(kept: EarlySettings): void {
    const y = earlyOneOf(
      kept.metric,
      METRICS.map((m) => m.id),
    );
    if (y !== undefined) this.setMetric(y);
    if (kept.x !== undefined) this.setAxis(kept.x);
    const scale = earlyOneOf(kept.scale, SCALES);
    if (scale !== undefined) this.setScale(scale);
  }

  setMetric(y: MetricId): void {
    this.view = { ...this.view, y };
  }

  setScale(scale: ScaleId): void {
    this.view = { ...this.view, scale };
  }

  /** From the select's value; anything that is not a cost axis is ignored. */
  setAxis(value: string): void {
    if (isCostAxisId(value)) this.view = { ...this.view, x: value };
  }

  /** Hides or shows a family; its pinned and inspected models go with it. */
  toggleFamily(f: Family): void {
    const v = this.view;
    const hidden = v.hidden.includes(f) ? v.hidden.filter((h) => h !== f) : [...v.hidden, f];
    this.view = { ...v, hidden, pinned: v.pinned.filter((n) => !hidden.includes(kerasRow(n).family)) };
    if (this.inspected && hidden.includes(kerasRow(this.inspected.name).family)) this.inspected = null;
  }

  togglePin(name: string): void {
    this.view = { ...this.view, pinned: togglePin(this.view.pinned, name) };
  }

  unpin(name: string): void {
    this.view = { ...this.view, pinned: this.view.pinned.filter((n) => n !== name) };
  }

  inspect(name: string | null, at: { x: number; y: number } | null): void {
    this.inspected = name && at ? { name, ...at } : null;
  }

  sortBy(column: ColumnId): void {
    this.sort = nextSort(this.sort, column);
  }
}
