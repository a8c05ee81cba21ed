// The tiny-nets figure's state and actions, apart from any markup: which image is shown, both nets'
// answers, the worker's start (ahead of the first image where the connection allows, the backend
// only), the nets' load (once, on the first image; a failed one is tried again on the next), failures,
// and what the page says. The worker sits behind a small TinyWorker interface (./tiny-client.ts in the
// browser, a fake in Vitest); only the reader's latest image delivers answers (an older request is
// superseded on the runtime's lane and rejects as aborted).
import { isAborted } from '../../lib/worker-rpc';
import type { BackendInfo } from '../../lib/worker-rpc';
import { mayStartEarly, type ConnectionHints } from '../../lib/start-early';
import type { TinyAnswers, TinyNetAnswer } from '../../lib/tiny/methods';
import { frame, isBlank } from '../../lib/tiny/drawing';

/** The nets' worker stopped (a hang the watchdog could not recover from, or a crash): `message` says so. */
export class TinyStopped extends Error {}

export interface TinyWorker {
  /** The backend started (no nets yet): which, and why it is lower than asked after a hang (or null). */
  readonly ready: Promise<{ readonly backend: BackendInfo; readonly note: string | null }>;
  /** Loads both nets' weights in the worker (after its backend). */
  loadNets(): Promise<void>;
  /** Both nets' top 3 for 784 uint8 pixels, once loaded; a newer call supersedes this one. */
  classify(pixels: Uint8Array): Promise<TinyAnswers>;
  terminate(): void;
}

export type { TinyAnswers, TinyNetAnswer };

/** idle: nothing asked yet (the worker may have started early); starting: the backend for an image;
 * loading: the nets' weights; ready: both nets loaded. */
type TinyPhase = 'idle' | 'starting' | 'loading' | 'ready' | 'failed';

interface Shown {
  readonly source: string;
  /** The true class of a test image; null for a drawing. */
  readonly truth: number | null;
  readonly pixels: Uint8Array;
}

/** The backend in words: the figure asks for wasm itself, so only what the reader can use (SIMD, threads). */
export function backendText(b: BackendInfo, note: string | null): string {
  const extra =
    b.name === 'wasm' ? ` (SIMD ${b.simd ? 'on' : 'off'}, ${b.threads && b.threads > 1 ? `${b.threads} threads` : 'one thread'})` : '';
  return `${b.name}${extra}${note ? `; ${note}` : ''}`;
}

export class TinyState {
  phase = $state<TinyPhase>('idle');
  /** A quiet note while the worker starts ahead of the first image (`startEarly`). */
  preparing = $state<string | null>(null);
  backendNote = $state('');
  message = $state<string | null>(null);
  shown = $state.raw<Shown | null>(null);
  answers = $state.raw<readonly TinyNetAnswer[]>([]);
  /** Answers received, for tests. */
  answered = $state(0);
  tensors = $state<number | null>(null);
  ms = $state<number | null>(null);

  private worker: TinyWorker | null = null;
  /** The current worker's backend has started. */
  private started = false;
  /** Both nets loading or loaded in the current worker (null: not asked yet, or the last load failed). */
  private nets: Promise<void> | null = null;
  /** The current worker was started early and the reader has asked nothing of it yet. */
  private quiet = false;

  /** `startWorker(stopped)`: a new worker; it calls `stopped` with the figure's message if it dies. */
  constructor(private readonly startWorker: (stopped: (message: string) => void) => TinyWorker) {}

  /** What the figure is doing for the shown image, in words (null when nothing is under way). */
  get status(): string | null {
    if (!this.shown) return null;
    if (this.phase === 'starting') return 'Starting TensorFlow.js in a worker and loading both nets…';
    if (this.phase === 'loading') return 'Loading both nets’ weights…';
    return null;
  }

  /**
   * As the figure nears the viewport, on a good connection (`mayStartEarly`): starts the worker and
   * its backend, never the nets' weights, so the first image waits only for those. Quiet: a failure
   * waits for a real request, which starts a new worker. Returns whether it started one.
   */
  startEarly(connection: ConnectionHints | undefined): boolean {
    if (this.worker || !mayStartEarly(connection)) return false;
    this.preparing = 'Getting TensorFlow.js ready in a worker (no weights downloaded yet)…';
    this.ensure(true);
    return true;
  }

  /** Forgets the current worker (ended, or its backend failed): the next image starts a new one. */
  private drop(): void {
    const w = this.worker;
    this.worker = null;
    this.nets = null;
    this.started = false;
    this.preparing = null;
    w?.terminate();
  }

  private stopped(w: TinyWorker, message: string): void {
    if (this.worker !== w) return;
    const quiet = this.quiet;
    this.drop();
    if (quiet) return; // started early, asked nothing: the reader's first image starts a new one
    this.phase = 'failed';
    this.message = message;
  }

  private ensure(quiet: boolean): TinyWorker {
    if (this.worker) {
      this.quiet &&= quiet;
      return this.worker;
    }
    this.quiet = quiet;
    const w: TinyWorker = this.startWorker((message) => this.stopped(w, message));
    this.worker = w;
    w.ready.then(
      ({ backend, note }) => {
        if (this.worker !== w) return;
        this.started = true;
        this.preparing = null;
        this.backendNote = backendText(backend, note);
        if (this.phase === 'starting') this.phase = 'loading';
      },
      (e: unknown) => {
        if (e instanceof TinyStopped) return this.stopped(w, e.message);
        if (this.worker !== w) return;
        const quiet = this.quiet;
        this.drop();
        if (quiet) return;
        this.phase = 'failed';
        this.message = `The nets could not start: ${e instanceof Error ? e.message : String(e)}. Pick an image again to try again.`;
      },
    );
    return w;
  }

  /** Both nets in the current worker: loaded once; a failed load is tried again on the next image. */
  private loadNets(w: TinyWorker): Promise<void> {
    if (this.nets) return this.nets;
    const nets = w.loadNets().then(() => {
      if (this.worker === w && this.nets === nets) this.phase = 'ready';
    });
    this.nets = nets;
    nets.catch(() => {
      if (this.nets === nets) this.nets = null;
    });
    return nets;
  }

  /** Shows an image and asks both nets about it. */
  async classify(pixels: Uint8Array, source: string, truth: number | null): Promise<void> {
    this.message = null;
    this.shown = { source, truth, pixels };
    this.answers = [];
    this.preparing = null;
    const w = this.ensure(false);
    if (this.phase !== 'ready') this.phase = this.started ? 'loading' : 'starting';
    let loaded = false;
    try {
      await this.loadNets(w);
      loaded = true;
      const r = await w.classify(pixels.slice());
      this.answers = r.answers;
      this.answered++;
      this.tensors = r.tensors;
      this.ms = r.ms;
    } catch (e) {
      if (isAborted(e)) return; // a newer image was asked for: this answer is no longer wanted
      if (e instanceof TinyStopped) return this.stopped(w, e.message);
      if (this.worker !== w) return;
      const why = e instanceof Error ? e.message : String(e);
      if (loaded) {
        this.message = `The nets could not run: ${why}. Reload the page to try again.`;
        return;
      }
      this.phase = 'failed';
      this.message = `The nets could not be loaded: ${why}. Pick an image again to try again.`;
    }
  }

  /** The reader's drawing, scaled to fill the grid as the training images do; an empty one gets a message. */
  async classifyDrawing(drawing: Uint8Array): Promise<void> {
    if (isBlank(drawing)) {
      this.answers = [];
      this.shown = null;
      this.message = 'The drawing is empty: draw a garment on the grid first (light strokes on the black square), then classify it.';
      return;
    }
    await this.classify(frame(drawing), 'your drawing (scaled to fill the grid)', null);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
