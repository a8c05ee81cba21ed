/**
 * The sortable table under the model-zoo chart and its CSV/JSON downloads: one column list, so the
 * table on screen and the files a reader downloads can never disagree.
 */
import { KERAS_MODELS, KERAS_SOURCE, type KerasModel } from '../data/keras-applications';
import { FAMILY_LABEL, FAMILY_ORDER } from './families';
import { formatFixed } from '../format';

export type ColumnId = 'name' | 'family' | 'sizeMB' | 'top1' | 'top5' | 'paramsM' | 'depth' | 'cpuMs' | 'gpuMs';
export type SortDir = 'ascending' | 'descending';

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  readonly numeric: boolean;
  /** The cell as shown on screen; "—" where the source gives no value. */
  readonly format: (m: KerasModel) => string;
  /** The raw value of a numeric column (null: not given), for sorting and the "not given" label. */
  readonly value?: (m: KerasModel) => number | null;
}

/** What the table prints for a value the source leaves out ("-" there). */
const MISSING = '—';
const fixed = (v: number | null, digits: number): string => (v === null ? MISSING : formatFixed(v, digits));
const plain = (v: number | null): string => (v === null ? MISSING : String(v));

export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Model', numeric: false, format: (m) => m.name },
  { id: 'family', label: 'Family', numeric: false, format: (m) => FAMILY_LABEL[m.family] },
  { id: 'paramsM', label: 'Parameters (M)', numeric: true, format: (m) => formatFixed(m.paramsM, 1), value: (m) => m.paramsM },
  { id: 'sizeMB', label: 'Size (MB)', numeric: true, format: (m) => String(m.sizeMB), value: (m) => m.sizeMB },
  { id: 'depth', label: 'Depth', numeric: true, format: (m) => plain(m.depth), value: (m) => m.depth },
  { id: 'top1', label: 'Top-1 (%)', numeric: true, format: (m) => formatFixed(m.top1, 1), value: (m) => m.top1 },
  { id: 'top5', label: 'Top-5 (%)', numeric: true, format: (m) => fixed(m.top5, 1), value: (m) => m.top5 },
  { id: 'cpuMs', label: 'CPU ms/step', numeric: true, format: (m) => fixed(m.cpuMs, 1), value: (m) => m.cpuMs },
  { id: 'gpuMs', label: 'GPU ms/step', numeric: true, format: (m) => fixed(m.gpuMs, 1), value: (m) => m.gpuMs },
];

/** Sorted copy. Text sorts alphabetically, families in legend order; ties keep the table's order.
 * Rows without a value in the sorted column go last in either direction. */
export function sortModels(models: readonly KerasModel[], by: ColumnId, dir: SortDir): KerasModel[] {
  const sign = dir === 'ascending' ? 1 : -1;
  const key = (m: KerasModel): number | string | null =>
    by === 'family' ? FAMILY_ORDER.indexOf(m.family) : by === 'name' ? m.name.toLowerCase() : m[by];
  return models
    .map((m, i) => ({ m, i }))
    .sort((p, q) => {
      const a = key(p.m);
      const b = key(q.m);
      if (a === null || b === null) return a === b ? p.i - q.i : a === null ? 1 : -1;
      const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
      return c !== 0 ? sign * c : p.i - q.i;
    })
    .map((p) => p.m);
}

/** The next sort after a click on a header: same column flips, a new column starts descending for numbers. */
export function nextSort(current: { by: ColumnId; dir: SortDir }, clicked: ColumnId): { by: ColumnId; dir: SortDir } {
  if (current.by === clicked) return { by: clicked, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
  const col = COLUMNS.find((c) => c.id === clicked);
  return { by: clicked, dir: col?.numeric ? 'descending' : 'ascending' };
}

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** RFC 4180 CSV with raw numbers (no units), one header row; a value the source leaves out is an empty cell. */
export function toCsv(models: readonly KerasModel[] = KERAS_MODELS): string {
  const header = [
    'name',
    'family',
    'params_millions',
    'size_mb',
    'depth',
    'top1_percent',
    'top5_percent',
    'cpu_ms_per_step',
    'gpu_ms_per_step',
  ];
  const rows = models.map((m) =>
    [m.name, m.family, m.paramsM, m.sizeMB, m.depth, m.top1, m.top5, m.cpuMs, m.gpuMs]
      .map((v) => csvCell(v === null ? '' : String(v)))
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** JSON with the source and its caveats, so a downloaded file still says where it came from. */
export function toJson(models: readonly KerasModel[] = KERAS_MODELS): string {
  return JSON.stringify({ source: KERAS_SOURCE, models }, null, 2) + '\n';
}
