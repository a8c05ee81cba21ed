// The page side: one worker behind typed calls. A call can be aborted (it rejects with AbortedError
// and the worker is told to stop), stream events and progress, and run on a latest-wins lane. The
// worker is watched (watchdog.ts): when it dies or goes silent, every pending call rejects with
// WorkerCrashedError (WorkerHungError for silence) and the next call starts a fresh worker; the
// `generation` counter tells callers that state they sent must be sent again. A worker that hangs
// while its backend starts is replaced at once by one a rung lower (backend-ladder.ts), which gets the
// start call again (on the new rung) and the replayable calls: pending ones then answer from it.
import { AbortedError } from './abort';
import { BackendLadder, type Rung } from './backend-ladder';
import { WorkerCrashedError, WorkerError, WorkerHungError } from './errors';
import { SilenceWatch, type WorkerPhase } from './watchdog';
import { isFromWorker, type Args, type EventOf, type FromWorker, type MethodsOf, type Result, type ToWorker } from './wire';
import type { CallOptions, ClientOptions, PageEvents, WorkerLike } from './client-options';
import { PendingCalls } from './pending-calls';

interface LooseStart {
  method: string;
  rung: (args: unknown) => Rung;
  withRung: (args: unknown, rung: Rung) => unknown;
  initial?: unknown;
}

function globalPage(): PageEvents | null {
  const g = globalThis as Partial<PageEvents>;
  return typeof g.addEventListener === 'function' && typeof g.removeEventListener === 'function' ? (g as PageEvents) : null;
}

export class RpcClient<M extends MethodsOf<M>, B = never> {
  private worker: WorkerLike | null = null;
  private watch: SilenceWatch | null = null;
  private readonly calls = new PendingCalls();
  /** The latest start call: its id and the arguments as the page gave them (the reader's choice). */
  private startCall: { id: number; args: unknown } | null = null;
  private readonly broadcasts = new Set<(event: B) => void>();
  private readonly start: LooseStart | undefined;
  private readonly page: PageEvents | null;
  private readonly onPagehide = () => this.terminate('you left the page');
  /** Goes up each time a new worker starts. */
  generation = 0;
  /** Where a hang sends the next worker; its `note` says why the backend is lower than chosen. */
  readonly ladder: BackendLadder;
  /** The rung the current worker was asked to start. */
  private rung: Rung = { backend: 'auto' };

  constructor(private readonly opts: ClientOptions<M>) {
    this.ladder = opts.ladder ?? new BackendLadder();
    this.start = opts.start as LooseStart | undefined;
    this.page = opts.page === undefined ? globalPage() : opts.page;
  }

  /** Why the demo runs lower than the reader chose, or null. */
  get note(): string | null {
    return this.ladder.note;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Calls `method` in the worker (starting one if none runs). */
  call<K extends keyof M & string>(method: K, args: Args<M, K>, opts: CallOptions<EventOf<M, K>> = {}): Promise<Result<M, K>> {
    if (opts.signal?.aborted) return Promise.reject(new AbortedError());
    const w = this.ensure(method);
    const id = this.calls.newId();
    let sent: unknown = args;
    if (this.start && method === this.start.method) {
      this.rung = this.ladder.rungFor(this.start.rung(args).backend, this.start.rung(args).threads);
      sent = this.start.withRung(args, this.rung);
      this.startCall = { id, args };
    }
    const replay = opts.replay === true && !opts.transfer?.length;
    if (replay) this.calls.setReplay(method, id, args);
    if (opts.lane) {
      // Latest wins on the page too: the worker may be busy in a long synchronous step and read the
      // cancel late, but the reader never sees the older answer.
      const previous = this.calls.onLane(opts.lane);
      if (previous !== undefined) this.drop(previous, new AbortedError('superseded'));
      this.calls.setLane(opts.lane, id);
    }
    return new Promise<Result<M, K>>((resolve, reject) => {
      const onAbort = () => this.drop(id, new AbortedError());
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => opts.signal?.removeEventListener('abort', onAbort);
      this.calls.add(id, {
        method,
        args,
        lane: opts.lane,
        replay,
        resolve: (v) => {
          done();
          resolve(v as Result<M, K>);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onEvent: opts.onEvent as ((e: unknown) => void) | undefined,
        onProgress: opts.onProgress,
      });
      this.post(w, { rpc: 'call', id, method, args: sent, ...(opts.lane ? { lane: opts.lane } : {}) }, opts.transfer);
    });
  }

  /** Listens to the worker's broadcasts (events tied to no call); returns the unsubscribe. */
  onBroadcast(listener: (event: B) => void): () => void {
    this.broadcasts.add(listener);
    return () => this.broadcasts.delete(listener);
  }

  /**
   * Runs `run` (calls to this client) again each time a starting worker hangs and a lower rung is
   * left, until it works or none is: the reader waits a few seconds more, never forever.
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

  /** Stops the worker now: pending calls reject with WorkerCrashedError; the next call starts anew. */
  terminate(detail = 'it was stopped'): void {
    if (this.worker) this.crashed(this.worker, new WorkerCrashedError(detail), false);
  }

  /** Ends the worker and everything it holds (a figure going away). */
  dispose(): void {
    this.terminate('it was disposed');
  }

  private ensure(method: string): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    // After a hang, a new worker starts on the lower rung even when the page's first call is not the
    // start (the worker would start its default backend for it).
    const lowered = this.ladder.lowered;
    const initial = this.start?.initial;
    this.rung = lowered ?? (initial !== undefined ? this.start!.rung(initial) : { backend: 'auto' });
    if (lowered && this.start?.initial !== undefined && method !== this.start.method) {
      const id = this.calls.internal();
      this.post(w, { rpc: 'call', id, method: this.start.method, args: this.start.withRung(this.start.initial, lowered) });
    }
    return w;
  }

  private spawn(): WorkerLike {
    const w = this.opts.create();
    this.generation++;
    const watch = new SilenceWatch({ ...this.opts.watch, onSilent: (phase, ms, on) => this.hung(w, phase, ms, on ?? this.rung) });
    this.watch = watch;
    this.worker = w;
    w.addEventListener('message', (e) => {
      if (this.worker !== w) return;
      const data = (e as MessageEvent).data as unknown;
      if (!watch.heard(data) && isFromWorker(data)) this.onReply(data);
    });
    w.addEventListener('error', (e) => {
      (e as ErrorEvent).preventDefault?.();
      this.crashed(w, new WorkerCrashedError((e as ErrorEvent).message || 'an error in the worker'));
    });
    w.addEventListener('messageerror', () => this.crashed(w, new WorkerCrashedError('a message could not be read')));
    this.page?.addEventListener('pagehide', this.onPagehide);
    return w;
  }

  private post(w: WorkerLike, m: ToWorker, transfer: Transferable[] = []): void {
    w.postMessage(m, transfer);
  }

  private onReply(r: FromWorker): void {
    if (r.rpc === 'broadcast') {
      for (const l of this.broadcasts) l(r.event as B);
      return;
    }
    const p = this.calls.get(r.id);
    if (!p) return;
    if (r.rpc === 'event') return p.onEvent?.(r.event);
    if (r.rpc === 'progress') return p.onProgress?.(r.fraction, r.loaded, r.total);
    this.calls.settled(r.id, p);
    if (r.rpc === 'ok') p.resolve(r.value);
    else
      p.reject(
        r.error.name === 'AbortError'
          ? new AbortedError(r.error.message.includes('newer') ? 'superseded' : 'cancelled')
          : new WorkerError(r.error),
      );
  }

  /** Rejects a pending call now and tells the worker to stop it. */
  private drop(id: number, error: AbortedError): void {
    const p = this.calls.get(id);
    if (!p) return;
    this.calls.settled(id, p);
    this.calls.forgetReplay(id, p.method);
    if (this.worker) this.post(this.worker, { rpc: 'cancel', id });
    p.reject(error);
  }

  private teardown(w: WorkerLike): void {
    this.worker = null;
    this.watch?.stop();
    this.watch = null;
    this.page?.removeEventListener('pagehide', this.onPagehide);
    try {
      w.terminate();
    } catch {
      /* already gone */
    }
  }

  private crashed(w: WorkerLike, error: WorkerCrashedError, report = true): void {
    if (this.worker !== w) return;
    this.teardown(w);
    this.startCall = null;
    this.calls.rejectAll(error);
    if (report) this.opts.onCrash?.(error);
  }

  private hung(w: WorkerLike, phase: WorkerPhase, silentMs: number, on: Rung): void {
    if (this.worker !== w) return;
    const canRetry = this.ladder.afterHang(on, phase, silentMs, this.rung);
    const error = new WorkerHungError(phase, this.ladder.note ?? '', canRetry);
    // Only a start is retried by itself: work the page asked of a ready worker is the reader's to repeat.
    if (!canRetry || phase !== 'starting') {
      this.crashed(w, error, false);
      this.opts.onHung?.(error, false);
      return;
    }
    this.teardown(w);
    const start = this.startCall;
    // Sent again: every pending replayable call, and the latest answered one of each method.
    const replays = this.calls.toReplay();
    this.calls.rejectUnreplayable(error, start?.id);
    const next = this.spawn();
    const asked = start && this.start ? this.start.rung(start.args) : this.rung;
    this.rung = this.ladder.rungFor(asked.backend, asked.threads);
    if (this.start && (start || this.start.initial !== undefined)) {
      const id = start && this.calls.has(start.id) ? start.id : this.calls.internal();
      this.post(next, {
        rpc: 'call',
        id,
        method: this.start.method,
        args: this.start.withRung(start ? start.args : this.start.initial, this.rung),
      });
    }
    for (const [id, r] of replays) {
      if (id === start?.id) continue;
      // Answered calls are sent again for the state they set; nobody waits for those answers.
      this.post(next, { rpc: 'call', id: this.calls.has(id) ? id : this.calls.internal(), method: r.method, args: r.args });
    }
    this.opts.onHung?.(error, true);
  }
}
