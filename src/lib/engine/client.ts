// The page side of the protocol: one worker behind a promise API. Requests can be cancelled with an
// AbortSignal and report download progress. If the worker dies (a crash, or terminate()), every
// pending request fails with WorkerCrashedError, and the next request starts a fresh worker; the
// `generation` counter tells callers that state they sent (the backend, images) must be sent again.
import { AbortedError } from '../worker-rpc/abort';
import { BackendLadder, type Rung } from '../worker-rpc/backend-ladder';
import type { Envelope, Reply, RequestOf, RequestType, Results, SerializedError } from './protocol';
import { SilenceWatch, type WorkerPhase } from '../worker-rpc/watchdog';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

export class WorkerCrashedError extends Error {
  override readonly name: string = 'WorkerCrashedError';
  constructor(detail: string) {
    super(`The demo's worker stopped (${detail}). It restarts by itself on your next action.`);
  }
}

/** The watchdog ended a worker that stopped answering; the next one starts a rung lower. */
export class WorkerHungError extends WorkerCrashedError {
  override readonly name = 'WorkerHungError';
  constructor(
    readonly phase: WorkerPhase,
    /** Why, for the page: what hung and what runs next (BackendLadder's note). */
    readonly note: string,
    /** Whether a lower rung is left to try. */
    readonly canRetry: boolean,
  ) {
    super(note);
    this.message = `The demo's worker stopped answering: ${note}.`;
  }
}

/** An error that came back from the worker, with the loader's kind and attempts when it has them. */
export class EngineError extends Error {
  readonly kind: string | undefined;
  readonly attempts: readonly string[];
  constructor(e: SerializedError) {
    super(e.message);
    this.name = e.name;
    this.kind = e.kind;
    this.attempts = e.attempts ?? [];
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress: ((fraction: number, loaded: number, total: number) => void) | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, loaded: number, total: number) => void;
  /** Latest-wins channel: a new request on it cancels the previous one. */
  channel?: string;
  transfer?: Transferable[];
}

const startRequest = (r: Rung): RequestOf<'start'> => ({ type: 'start', backend: r.backend, ...(r.threads === undefined ? {} : { threads: r.threads }) });

export class EngineClient {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The pending request on each latest-wins channel. */
  private readonly lanes = new Map<string, number>();
  /** Goes up each time a new worker starts. */
  generation = 0;
  /** Where a hang sends the next worker; its `note` says why the backend is lower than chosen. */
  readonly ladder = new BackendLadder();
  /** The rung the current worker was asked to start (the session's default until a 'start'). */
  private rung: Rung = { backend: 'auto' };
  private watch: SilenceWatch | null = null;

  constructor(private readonly createWorker: () => WorkerLike) {}

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    this.generation++;
    const watch = new SilenceWatch({ onSilent: (phase, ms, on) => this.hung(w, phase, ms, on ?? this.rung) });
    this.watch = watch;
    w.addEventListener('message', (e) => {
      const data = (e as MessageEvent).data as unknown;
      if (!watch.heard(data)) this.onReply(data as Reply);
    });
    w.addEventListener('error', (e) => {
      (e as ErrorEvent).preventDefault?.();
      this.crashed(w, (e as ErrorEvent).message || 'an error in the worker');
    });
    w.addEventListener('messageerror', () => this.crashed(w, 'a message could not be read'));
    this.worker = w;
    // After a hang, a new worker starts on the lower rung even when the page's first request is not a
    // 'start' (the session would start its default backend for it).
    const lowered = this.ladder.lowered;
    this.rung = lowered ?? { backend: 'auto' };
    if (lowered) w.postMessage({ id: this.nextId++, req: startRequest(lowered) } satisfies Envelope);
    return w;
  }

  private hung(w: WorkerLike, phase: WorkerPhase, silentMs: number, on: Rung): void {
    const canRetry = this.ladder.afterHang(on, phase, silentMs, this.rung);
    this.crashed(w, '', new WorkerHungError(phase, this.ladder.note ?? '', canRetry));
  }

  private onReply(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    if (r.type === 'progress') {
      p.onProgress?.(r.fraction, r.loaded, r.total);
      return;
    }
    this.pending.delete(r.id);
    for (const [lane, id] of this.lanes) if (id === r.id) this.lanes.delete(lane);
    if (r.type === 'ok') p.resolve(r.value);
    else p.reject(r.error.name === 'AbortError' ? new AbortedError(r.error.message.includes('newer') ? 'superseded' : 'cancelled') : new EngineError(r.error));
  }

  private supersede(w: WorkerLike, id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    w.postMessage({ id: this.nextId++, req: { type: 'cancel', target: id } } satisfies Envelope);
    p.reject(new AbortedError('superseded'));
  }

  private crashed(w: WorkerLike, detail: string, error: WorkerCrashedError = new WorkerCrashedError(detail)): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.watch?.stop();
    this.watch = null;
    try {
      w.terminate();
    } catch {
      /* already gone */
    }
    this.lanes.clear();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  request<K extends RequestType>(req: RequestOf<K>, opts: RequestOptions = {}): Promise<Results[K]> {
    if (opts.signal?.aborted) return Promise.reject(new AbortedError());
    const w = this.ensure();
    const id = this.nextId++;
    if (req.type === 'start') {
      const start = req as RequestOf<'start'>;
      this.rung = this.ladder.rungFor(start.backend, start.threads);
      req = startRequest(this.rung) as RequestOf<K>;
    }
    if (opts.channel) {
      // Latest wins on the page too: the worker may be busy in a long synchronous step and read the
      // cancel late, but the reader never sees the older answer.
      const previous = this.lanes.get(opts.channel);
      if (previous !== undefined) this.supersede(w, previous);
      this.lanes.set(opts.channel, id);
    }
    return new Promise<Results[K]>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        w.postMessage({ id: this.nextId++, req: { type: 'cancel', target: id } } satisfies Envelope);
        reject(new AbortedError());
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (v) => {
          opts.signal?.removeEventListener('abort', onAbort);
          resolve(v as Results[K]);
        },
        reject: (e) => {
          opts.signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onProgress: opts.onProgress,
      });
      const env: Envelope = { id, req, ...(opts.channel ? { channel: opts.channel } : {}) };
      w.postMessage(env, opts.transfer ?? []);
    });
  }

  /**
   * Runs `run` (requests to this client) again on the next rung each time a starting worker hangs,
   * until it works or no rung is left: the reader waits a few seconds more, never forever.
   */
  async retryingStartHangs<T>(run: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await run();
      } catch (e) {
        if (!(e instanceof WorkerHungError) || e.phase !== 'starting' || !e.canRetry) throw e;
      }
    }
  }

  /** Stops the worker now (leaving the page, or a test simulating a crash). */
  terminate(detail = 'it was stopped'): void {
    if (this.worker) this.crashed(this.worker, detail);
  }

  get running(): boolean {
    return this.worker !== null;
  }
}
