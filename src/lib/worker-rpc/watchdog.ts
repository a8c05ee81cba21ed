// The watchdog every demo worker runs under. A worker says it is alive twice a second (src/workers/
// alive.ts), with what it is doing; the page side notices when it goes quiet for longer than that can
// take, ends it and starts a new one lower down the backend ladder (backend-ladder.ts). A blocked
// worker cannot answer anything, not even a cancel, so silence is the only sign the page gets.
//
// Silence, not a deadline, because a slow start is not a hang: a phone on 4G may take many seconds to
// fetch the wasm binary, and the worker keeps beating meanwhile; a worker stuck in a synchronous call
// (Firefox blocking inside `new Worker()`, a deadlocked thread pool) stops beating at once.
import type { Rung } from './backend-ladder';
import type { BackendName } from './backend';

/** The worker's message that it is alive. It never reaches a demo's own protocol handlers. */
export const ALIVE = 'worker-alive';

/** What the worker was doing at its last beat: starting its backend, or ready (on this backend). */
export type WorkerPhase = 'starting' | 'ready';

export interface AliveMessage {
  readonly type: typeof ALIVE;
  readonly phase: WorkerPhase;
  /** The backend being started, or running once ready. */
  readonly backend?: BackendName;
  /** Its wasm threads. */
  readonly threads?: number;
}

export const isAliveMessage = (data: unknown): data is AliveMessage =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === ALIVE;

/** How often a worker beats, and how long a silence means it is stuck, per phase. */
export const WATCH = {
  beatMs: 500,
  /** Starting a backend never blocks the worker's thread for long: every step of it is asynchronous. */
  startingSilenceMs: 4000,
  /** One synchronous operation (a forward pass, a model build) on threaded wasm, the one ready backend
   * that can deadlock. */
  readySilenceMs: 60_000,
} as const;

export interface SilenceWatchOptions {
  /** Called once, when the worker has been silent too long in `phase` (on the backend its last beat
   * named, if it did); the watch stops then. */
  onSilent: (phase: WorkerPhase, silentMs: number, on: Rung | null) => void;
  now?: () => number;
  limits?: { startingSilenceMs: number; readySilenceMs: number };
  checkEveryMs?: number;
  /** While true, silence is not counted: a hidden tab's timers may be throttled (by default,
   * `document.hidden` where there is a document). */
  paused?: () => boolean;
}

const pageHidden = () => typeof document !== 'undefined' && document.hidden;

/**
 * Watches one worker's messages. Feed it every message (`heard`); it starts judging silence only
 * after the first beat, since the worker's script may still be downloading before that.
 */
export class SilenceWatch {
  private last = 0;
  private phase: WorkerPhase | null = null;
  private backend: BackendName | undefined;
  private threads: number | undefined;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private readonly limits: { startingSilenceMs: number; readySilenceMs: number };

  constructor(private readonly opts: SilenceWatchOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.limits = opts.limits ?? WATCH;
  }

  /** Any message from the worker; returns true when it was a beat (which the caller then drops). */
  heard(data: unknown): boolean {
    this.last = this.now();
    if (!isAliveMessage(data)) return false;
    this.phase = data.phase;
    this.backend = data.backend;
    this.threads = data.threads;
    this.timer ??= setInterval(() => this.check(), this.opts.checkEveryMs ?? WATCH.beatMs);
    return true;
  }

  /** The limit now, or null when this phase is not watched. */
  limit(): number | null {
    if (this.phase === 'starting') return this.limits.startingSilenceMs;
    // Once ready, only threaded wasm can deadlock (its thread pool); any other backend may simply be
    // slow (WebGL's first pass compiles shaders for many seconds on a software renderer).
    if (this.phase === 'ready' && this.backend === 'wasm' && (this.threads ?? 1) > 1) return this.limits.readySilenceMs;
    return null;
  }

  check(): void {
    if ((this.opts.paused ?? pageHidden)()) {
      this.last = this.now();
      return;
    }
    const limit = this.limit();
    const silent = this.now() - this.last;
    if (limit === null || this.phase === null || silent <= limit) return;
    const phase = this.phase;
    const on =
      this.backend === undefined ? null : { backend: this.backend, ...(this.threads === undefined ? {} : { threads: this.threads }) };
    this.stop();
    this.opts.onSilent(phase, silent, on);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.phase = null;
  }
}

/**
 * `promise`, or a rejection with `message` once `ms` have passed without it settling: for a start
 * that waits on something that never answers (a GPU adapter or device request) while the worker
 * itself stays responsive, which the silence watch cannot see.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How long a GPU backend may take to start once its code is loaded (no download is involved). */
export const GPU_START_MS = 10_000;
