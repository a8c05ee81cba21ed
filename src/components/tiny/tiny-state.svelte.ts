// The tiny-nets figure's state and actions, apart from any markup: which image is shown, both nets'
// answers, the worker's start and failures, and what the page says. The worker sits behind a small
// TinyWorker interface (./tiny-client.ts in the browser, a fake in Vitest); only the reader's latest
// image delivers answers (an older request is superseded on the runtime's lane and rejects as aborted).
import { isAborted } from '../../lib/worker-rpc';
import type { BackendInfo } from '../../lib/worker-rpc';
import type { TinyAnswers, TinyNetAnswer } from '../../lib/tiny/methods';
import { frame, isBlank } from '../../lib/tiny/drawing';

/** The nets' worker stopped (a hang the watchdog could not recover from, or a crash): `message` says so. */
export class TinyStopped extends Error {}

export interface TinyWorker {
  /** Both nets loaded: the backend they run on, and why it is lower than asked after a hang (or null). */
  readonly ready: Promise<{ readonly backend: BackendInfo; readonly note: string | null }>;
  /** Both nets' top 3 for 784 uint8 pixels; a newer call supersedes this one. */
  classify(pixels: Uint8Array): Promise<TinyAnswers>;
  terminate(): void;
}

export type { TinyAnswers, TinyNetAnswer };

type TinyPhase = 'idle' | 'starting' | 'ready' | 'failed';

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
  backendNote = $state('');
  message = $state<string | null>(null);
  shown = $state.raw<Shown | null>(null);
  answers = $state.raw<readonly TinyNetAnswer[]>([]);
  /** Answers received, for tests. */
  answered = $state(0);
  tensors = $state<number | null>(null);
  ms = $state<number | null>(null);

  private worker: TinyWorker | null = null;

  /** `startWorker(stopped)`: a new worker; it calls `stopped` with the figure's message if it dies. */
  constructor(private readonly startWorker: (stopped: (message: string) => void) => TinyWorker) {}

  private stopped(w: TinyWorker, message: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.phase = 'failed';
    this.message = message;
  }

  private ensure(): TinyWorker {
    if (this.worker) return this.worker;
    this.phase = 'starting';
    const w: TinyWorker = this.startWorker((message) => this.stopped(w, message));
    this.worker = w;
    w.ready.then(
      ({ backend, note }) => {
        if (this.worker !== w) return;
        this.phase = 'ready';
        this.backendNote = backendText(backend, note);
      },
      (e: unknown) => {
        if (e instanceof TinyStopped) return this.stopped(w, e.message);
        if (this.worker !== w) return;
        if (this.phase === 'starting') this.phase = 'failed';
        this.message = `The nets could not run: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`;
      },
    );
    return w;
  }

  /** Shows an image and asks both nets about it. */
  async classify(pixels: Uint8Array, source: string, truth: number | null): Promise<void> {
    this.message = null;
    this.shown = { source, truth, pixels };
    this.answers = [];
    const w = this.ensure();
    try {
      const r = await w.classify(pixels.slice());
      this.answers = r.answers;
      this.answered++;
      this.tensors = r.tensors;
      this.ms = r.ms;
    } catch (e) {
      if (isAborted(e)) return; // a newer image was asked for: this answer is no longer wanted
      if (e instanceof TinyStopped) return this.stopped(w, e.message);
      if (this.worker !== w) return;
      this.message = `The nets could not run: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`;
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
