/** Summaries of repeated timings: the median (robust to the odd slow run) and how far runs spread. */
import { median } from 'd3';

export interface TimingSummary {
  /** Every timed run in milliseconds, in the order they ran. */
  readonly runs: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** max − min, in milliseconds. */
  readonly spread: number;
  /** spread ÷ median: 0.1 means the runs lay within ±5% or so of each other. */
  readonly relativeSpread: number;
}

export function summarizeTimes(runs: readonly number[]): TimingSummary {
  if (runs.length === 0) throw new Error('no timed runs to summarise');
  if (runs.some((x) => !Number.isFinite(x) || x < 0)) throw new Error('timings must be finite and non-negative');
  const min = Math.min(...runs);
  const max = Math.max(...runs);
  const med = median(runs)!;
  return { runs: [...runs], median: med, min, max, spread: max - min, relativeSpread: med > 0 ? (max - min) / med : 0 };
}
