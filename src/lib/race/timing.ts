/**
 * The race protocol: a few warm-up runs (first runs pay for shader compiles, memory growth and lazy
 * initialisation), then N timed runs, summarised by their median and spread. Framework-free and
 * DOM-free: the clock, the pause between runs and the work itself are passed in, so the same loop
 * can run in a Web Worker or under a fake clock in a unit test.
 */
import { summarizeTimes, type TimingSummary } from './stats';

export interface RaceProtocol {
  /** Untimed runs first. */
  readonly warmup: number;
  /** Timed runs; the median of these is the result. */
  readonly runs: number;
}

/** One warm-up (memory growth, shader compiles, lazy init), then five timed runs: a stable median
 * without keeping the reader waiting through minutes of VGG-16 on a slow backend. */
export const DEFAULT_PROTOCOL: RaceProtocol = { warmup: 1, runs: 5 };

export interface RunProgress {
  readonly phase: 'warmup' | 'timed';
  /** 1-based index within the phase. */
  readonly index: number;
  readonly of: number;
  /** Duration of this run in milliseconds. */
  readonly ms: number;
}

export interface TimingHooks {
  /** Milliseconds from a monotonic clock (`performance.now`). */
  readonly now: () => number;
  /** Checked before every run: an aborted signal stops the loop with its reason. */
  readonly signal?: AbortSignal | undefined;
  /** Awaited between runs (untimed), so the page stays responsive. */
  readonly pause?: (() => Promise<void>) | undefined;
  readonly onRun?: ((p: RunProgress) => void) | undefined;
}

function validateProtocol(p: RaceProtocol): void {
  if (!Number.isInteger(p.warmup) || p.warmup < 0) throw new Error('warm-up runs must be a whole number ≥ 0');
  if (!Number.isInteger(p.runs) || p.runs < 1) throw new Error('timed runs must be a whole number ≥ 1');
}

/** Run `once` (which must finish its work before resolving: read the result back) warmup + runs
 * times and summarise the timed runs. Only the work is timed, never the pauses between runs. */
export async function timeRuns(once: () => Promise<void> | void, protocol: RaceProtocol, hooks: TimingHooks): Promise<TimingSummary> {
  validateProtocol(protocol);
  const timed: number[] = [];
  const phases = [
    ['warmup', protocol.warmup],
    ['timed', protocol.runs],
  ] as const;
  for (const [phase, count] of phases) {
    for (let i = 1; i <= count; i++) {
      hooks.signal?.throwIfAborted();
      const start = hooks.now();
      await once();
      const ms = hooks.now() - start;
      if (phase === 'timed') timed.push(ms);
      hooks.onRun?.({ phase, index: i, of: count, ms });
      if (hooks.pause) await hooks.pause();
    }
  }
  hooks.signal?.throwIfAborted();
  return summarizeTimes(timed);
}
