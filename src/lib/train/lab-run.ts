/**
 * What the lab's page knows about the run in its worker, built from the worker's `LabEvent`s: the
 * state, the curves of both nets, their speed, divergence, refusals and the worker's tensor count.
 * The Svelte island only draws this; keeping it here lets Vitest check the bookkeeping, e.g. that a
 * diverged net is a result with its iteration, not an error.
 */
import { median } from 'd3';
import { precheckLab } from './lab-expect';
import { formatFixed, formatInt } from '../format';
import type { BackendInfo } from '../worker-rpc';
import { validateLabSettings, type LabEvent, type LabNetInfo, type LabSettings, type LabState, type NetKey } from './lab-methods';

export interface LossPoint {
  readonly iteration: number;
  readonly loss: number;
}
export interface ErrorPoint {
  readonly iteration: number;
  readonly trainError: number;
  readonly testError: number;
}

export interface NetCurves {
  readonly loss: LossPoint[];
  readonly errors: ErrorPoint[];
  last: { readonly loss: number; readonly msPerStep: number; readonly imagesPerSecond: number } | null;
  diverged: { readonly iteration: number; readonly loss: number } | null;
}

export const NET_KEYS: readonly NetKey[] = ['plain', 'residual'];

/** How many recent iterations the speed is the median of. */
const SPEED_WINDOW = 15;
/** Step arrivals the wall time per iteration is taken over: more than the 40 iterations between two
 * evaluations, so their cost is in it. */
const WALL_WINDOW = 81;

export class LabRun {
  state: LabState = 'idle';
  iteration = 0;
  epoch = 0;
  loading: { loaded: number; total: number | null } | null = null;
  settings: LabSettings | null = null;
  nets: readonly LabNetInfo[] = [];
  estimate: { readonly bytes: number; readonly secondsPerStep: number } | null = null;
  backend: BackendInfo | null = null;
  refused: string | null = null;
  error: string | null = null;
  numTensors: number | null = null;
  /** The iteration at which the last tensor count was taken. */
  tensorsAt: number | null = null;
  curves: Record<NetKey, NetCurves> = LabRun.emptyCurves();
  /** Milliseconds of each recent iteration, all training nets together. */
  private recentMs: number[] = [];
  /** When the recent step events arrived (page clock), since the run last (re)started running. */
  private arrivals: number[] = [];

  private static emptyCurves(): Record<NetKey, NetCurves> {
    return {
      plain: { loss: [], errors: [], last: null, diverged: null },
      residual: { loss: [], errors: [], last: null, diverged: null },
    };
  }

  /** Forget the run (Reset, or a new Start); the backend a live worker reported stays. */
  clear(): void {
    this.state = 'idle';
    this.iteration = 0;
    this.epoch = 0;
    this.loading = null;
    this.settings = null;
    this.nets = [];
    this.estimate = null;
    this.refused = null;
    this.error = null;
    this.numTensors = null;
    this.tensorsAt = null;
    this.curves = LabRun.emptyCurves();
    this.recentMs = [];
    this.arrivals = [];
  }

  /** Refuses settings on the page, before any worker starts, with the same check the worker runs. */
  precheck(settings: LabSettings): boolean {
    const v = validateLabSettings(settings);
    if (!v.ok) {
      this.clear();
      this.refuse(v.message);
      return false;
    }
    const fit = precheckLab(v.settings);
    if (fit.ok) return true;
    this.clear();
    this.refuse(fit.message, { bytes: fit.bytes, secondsPerStep: fit.secondsPerStep });
    return false;
  }

  private refuse(message: string, estimate?: { bytes: number; secondsPerStep: number }): void {
    this.refused = estimate
      ? `${message} (Estimate for both nets: about ${formatInt(estimate.bytes / 2 ** 20)} MiB of memory and ${formatFixed(estimate.secondsPerStep, 1)} s per iteration.)`
      : message;
    this.state = 'idle';
  }

  /** Median milliseconds per iteration of the recent steps (null before the first). */
  get msPerIteration(): number | null {
    return median(this.recentMs) ?? null;
  }

  /**
   * Wall-clock milliseconds per iteration over the recent steps, evaluations and gradient snapshots
   * included (what the reader waits), or null before there are enough steps to tell.
   */
  get wallMsPerIteration(): number | null {
    const a = this.arrivals;
    if (a.length < 3) return null;
    return (a[a.length - 1]! - a[0]!) / (a.length - 1);
  }

  get netsTraining(): number {
    return this.nets.length === 0 ? 2 : this.nets.filter((n) => !this.curves[n.key].diverged).length;
  }

  netInfo(key: NetKey): LabNetInfo | undefined {
    return this.nets.find((n) => n.key === key);
  }

  /** `now`: the page's clock when the event arrived (for the wall time per iteration). */
  apply(e: LabEvent, now: number = performance.now()): void {
    switch (e.type) {
      case 'state':
        // A pause is not training time: the wall-clock window starts again when it runs.
        if (e.state !== this.state) this.arrivals = [];
        this.state = e.state;
        if (e.state !== 'loading') this.loading = null;
        break;
      case 'backend':
        this.backend = e.info;
        break;
      case 'loading':
        this.loading = { loaded: e.loaded, total: e.total };
        break;
      case 'ready':
        this.settings = e.settings;
        this.nets = e.nets;
        this.estimate = e.estimate;
        this.refused = null;
        break;
      case 'refused':
        this.refuse(e.message, e.estimate);
        break;
      case 'step': {
        this.iteration = e.iteration;
        this.epoch = e.epoch;
        let ms = 0;
        for (const n of e.nets) {
          const c = this.curves[n.key];
          c.loss.push({ iteration: e.iteration, loss: n.loss });
          c.last = { loss: n.loss, msPerStep: n.msPerStep, imagesPerSecond: n.imagesPerSecond };
          ms += n.msPerStep;
        }
        if (e.nets.length > 0) {
          this.recentMs.push(ms);
          if (this.recentMs.length > SPEED_WINDOW) this.recentMs.shift();
        }
        this.arrivals.push(now);
        if (this.arrivals.length > WALL_WINDOW) this.arrivals.shift();
        break;
      }
      case 'eval':
        for (const n of e.nets)
          this.curves[n.key].errors.push({ iteration: e.iteration, trainError: n.trainError, testError: n.testError });
        break;
      case 'diverged':
        this.curves[e.key].diverged = { iteration: e.iteration, loss: e.loss };
        // The other net's time is all an iteration costs from now on.
        this.recentMs = [];
        this.arrivals = [];
        break;
      case 'done':
        this.iteration = e.iteration;
        break;
      case 'memory':
        this.numTensors = e.numTensors;
        this.tensorsAt = this.iteration;
        break;
      case 'error':
        this.error = e.message;
        break;
      case 'gradients':
        break;
    }
  }
}

/** "diverged at iteration 12 (loss NaN)". */
export function divergedText(d: { readonly iteration: number; readonly loss: number }): string {
  return `diverged at iteration ${d.iteration} (loss ${Number.isNaN(d.loss) ? 'NaN' : d.loss > 0 ? '∞' : '−∞'})`;
}
