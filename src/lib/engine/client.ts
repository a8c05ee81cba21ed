// The page side of the protocol: one worker behind a promise API. Requests can be cancelled with an
// AbortSignal and report download progress. If the worker dies (a crash, or terminate()), every
// pending request fails with WorkerCrashedError, and the next request starts a fresh worker; the
// `generation` counter tells callers that state they sent (the backend, images) must be sent again.
import { AbortedError } from './abort';
import type { Envelope, Reply, RequestOf, RequestType, Results, SerializedError } from './protocol';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  constructor(detail: string) {
    super(`The demo's worker stopped (${detail}). It restarts by itself on your next action.`);
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

export class EngineClient {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The pending request on each latest-wins channel. */
  private readonly lanes = new Map<string, number>();
  /** Goes up each time a new worker starts. */
  generation = 0;

  constructor(private readonly createWorker: () => WorkerLike) {}

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    this.generation++;
    w.addEventListener('message', (e) => this.onReply((e as MessageEvent).data as Reply));
    w.addEventListener('error', (e) => {
      (e as ErrorEvent).preventDefault?.();
      this.crashed(w, (e as ErrorEvent).message || 'an error in the worker');
    });
    w.addEventListener('messageerror', () => this.crashed(w, 'a message could not be read'));
    this.worker = w;
    return w;
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

  private crashed(w: WorkerLike, detail: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    try {
      w.terminate();
    } catch {
      /* already gone */
    }
    this.lanes.clear();
    const err = new WorkerCrashedError(detail);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  request<K extends RequestType>(req: RequestOf<K>, opts: RequestOptions = {}): Promise<Results[K]> {
    if (opts.signal?.aborted) return Promise.reject(new AbortedError());
    const w = this.ensure();
    const id = this.nextId++;
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

  /** Stops the worker now (leaving the page, or a test simulating a crash). */
  terminate(detail = 'it was stopped'): void {
    if (this.worker) this.crashed(this.worker, detail);
  }

  get running(): boolean {
    return this.worker !== null;
  }
}
