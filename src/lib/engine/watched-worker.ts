// Superseded by the worker runtime (src/lib/worker-rpc: RpcClient with a start method and replayable
// calls); kept only until the race, the lab and the tiny nets move to it, then deleted. It starts a
// demo's worker with the start message for the current rung, and when the worker goes silent while its
// backend starts, ends it and starts a new one a rung lower, replaying what the page sent since.
import type { WorkerLike } from '../worker-rpc/client';
import { BackendLadder, type Rung } from '../worker-rpc/backend-ladder';
import { SilenceWatch, type WorkerPhase } from '../worker-rpc/watchdog';

export interface WatchedWorkerOptions<Req, Ev> {
  create: () => WorkerLike;
  /** The protocol's message that starts the backend on `rung`. */
  startMessage: (rung: Rung) => Req;
  /** Whether `ev` answers the start (the backend is up, or failed with a message): no replay after it. */
  answersStart: (ev: Ev) => boolean;
  /** The reader's choice. */
  rung: Rung;
  /** Shared by every worker the demo starts, so a later one starts where a hang left off. */
  ladder?: BackendLadder;
  /** The worker hung: `restarted` says whether a new one is already starting a rung lower. */
  onHung: (note: string, restarted: boolean, phase: WorkerPhase) => void;
  /** The worker failed on its own (a script error, out of memory). */
  onCrash?: (message: string) => void;
}

export class WatchedWorker<Req, Ev> {
  private worker: WorkerLike | null = null;
  private watch: SilenceWatch | null = null;
  private rung: Rung;
  /** What the page sent since the current worker's start, replayed to its replacement. */
  private sent: { req: Req; transfer: Transferable[] }[] = [];
  private started = false;
  private readonly listeners = new Set<(ev: Ev) => void>();
  readonly ladder: BackendLadder;

  constructor(private readonly opts: WatchedWorkerOptions<Req, Ev>) {
    this.ladder = opts.ladder ?? new BackendLadder();
    this.rung = this.ladder.rungFor(opts.rung.backend, opts.rung.threads);
    this.spawn();
  }

  /** Why this demo runs lower than the reader chose, or null. */
  get note(): string | null {
    return this.ladder.note;
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  send(req: Req, transfer: Transferable[] = []): void {
    if (!this.worker) return;
    // A transferred buffer is gone after the first send: replay only what can be sent again.
    if (!this.started && transfer.length === 0) this.sent.push({ req, transfer });
    this.worker.postMessage(req, transfer);
  }

  on(listener: (ev: Ev) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.watch?.stop();
    this.watch = null;
    const w = this.worker;
    this.worker = null;
    w?.terminate();
  }

  private spawn(): void {
    const w = this.opts.create();
    const watch = new SilenceWatch({ onSilent: (phase, ms, on) => this.hung(w, phase, ms, on ?? this.rung) });
    this.worker = w;
    this.watch = watch;
    this.started = false;
    w.addEventListener('message', (e) => {
      const data = (e as MessageEvent).data as Ev;
      if (this.worker !== w || watch.heard(data)) return;
      if (!this.started && this.opts.answersStart(data)) {
        this.started = true;
        this.sent = [];
      }
      for (const l of this.listeners) l(data);
    });
    w.addEventListener('error', (e) => {
      (e as ErrorEvent).preventDefault?.();
      if (this.worker !== w) return;
      this.terminate();
      this.opts.onCrash?.((e as ErrorEvent).message || 'an error in the worker');
    });
    w.postMessage(this.opts.startMessage(this.rung));
  }

  private hung(w: WorkerLike, phase: WorkerPhase, silentMs: number, on: Rung): void {
    if (this.worker !== w) return;
    const lower = this.ladder.afterHang(on, phase, silentMs, this.rung);
    const replay = this.sent;
    this.terminate();
    // Only a start is retried by itself: work the page asked of a ready worker is the reader's to repeat.
    const restart = lower && phase === 'starting';
    if (restart) {
      this.rung = this.ladder.rungFor(this.opts.rung.backend, this.opts.rung.threads);
      this.spawn();
      for (const m of replay) this.worker!.postMessage(m.req, m.transfer);
      this.sent = replay;
    }
    this.opts.onHung(this.ladder.note ?? '', restart, phase);
  }
}
