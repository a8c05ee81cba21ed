// The block-deletion figure's state and actions, apart from any markup: the committed numbers (drawn
// at once), the block the reader picked, and a live recompute of that one deletion in both nets in the
// tiny-nets worker, with progress, Cancel, and the latest request winning. The worker sits behind the
// small LesionWorker interface (./lesion-client.ts in the browser, a fake in Vitest).
import { isAborted, type BackendInfo } from '../../lib/worker-rpc';
import type { LesionAnswer, LesionEvent } from '../../lib/tiny/methods';
import type { LesionNetKey, TinyLesion } from '../../lib/data/tiny-lesion';
import { backendText } from '../tiny/tiny-state.svelte';
import { mayStartEarly, type ConnectionHints } from '../../lib/start-early';
import { earlyOneOf, type EarlySettings } from '../../lib/early-clicks';

export interface LesionWorker {
  /** The backend started (no nets, no test images). */
  readonly ready: Promise<{ readonly backend: BackendInfo; readonly note: string | null }>;
  /** Test error of one net with `removed` blocks gone; `signal` cancels it. */
  lesion(
    net: LesionNetKey,
    removed: readonly string[],
    opts: { signal: AbortSignal; onEvent: (e: LesionEvent) => void },
  ): Promise<LesionAnswer>;
  terminate(): void;
}

export type LesionPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface LiveRow {
  readonly net: LesionNetKey;
  readonly name: string;
  readonly block: string;
  /** Errors measured now, and the committed count for the same deletion. */
  readonly errors: number;
  readonly committed: number;
  readonly count: number;
  readonly nonFinite: number;
  readonly ms: number;
}

const STAGE_WORDS: Record<LesionEvent['stage'], string> = {
  model: 'loading the weights of',
  data: 'loading the 2,000 test images for',
  run: 'running the test images through',
};

export class TinyLesionState {
  /** The picked block's spec id. */
  selected = $state('');
  phase = $state<LesionPhase>('idle');
  /** Overall progress of a recompute, 0…1, and what it is doing. */
  progress = $state(0);
  progressText = $state('');
  live = $state.raw<readonly LiveRow[]>([]);
  message = $state<string | null>(null);
  backendNote = $state('');
  tensors = $state<number | null>(null);
  /** Recomputes finished, for tests. */
  finished = $state(0);

  private worker: LesionWorker | null = null;
  private current: AbortController | null = null;

  /** `startWorker(stopped)`: a new worker; it calls `stopped` with the figure's message if it dies. */
  constructor(
    readonly data: TinyLesion,
    private readonly startWorker: (stopped: (message: string) => void) => LesionWorker,
  ) {
    this.selected = data.nets[0]!.blocks[0]!.id;
  }

  /** The block's short label ("1.2"). */
  label(id: string): string {
    return this.data.nets[0]!.blocks.find((b) => b.id === id)?.label ?? id;
  }

  select(id: string): void {
    if (!this.data.nets[0]!.blocks.some((b) => b.id === id)) {
      this.message = `There is no removable block "${id}".`;
      return;
    }
    this.selected = id;
    this.message = null;
  }

  /**
   * As the figure nears the viewport, on a good connection (`mayStartEarly`): starts the worker and its
   * backend, never a net or the test images. Quiet: a failure waits for a real recompute, which starts a
   * new worker. Returns whether it started one.
   */
  startEarly(connection: ConnectionHints | undefined): boolean {
    if (this.worker || !mayStartEarly(connection)) return false;
    this.ensure();
    return true;
  }

  /** The block picked before the figure hydrated (src/lib/early-clicks.ts: `block`); an unknown one is ignored. */
  applyEarly(kept: EarlySettings): void {
    const id = earlyOneOf(
      kept.block,
      this.data.nets[0]!.blocks.map((b) => b.id),
    );
    if (id !== undefined && this.phase !== 'running') this.select(id);
  }

  private ensure(): LesionWorker {
    if (this.worker) return this.worker;
    const w: LesionWorker = this.startWorker((message) => {
      if (this.worker !== w) return;
      this.worker = null;
      const c = this.current;
      this.current = null;
      c?.abort();
      // A worker started early that stops before any recompute: the reader's first one starts anew.
      if (this.phase === 'idle') return;
      this.phase = 'failed';
      this.message = message;
    });
    this.worker = w;
    // A worker whose backend did not start is dropped: the next recompute tries a new one. A running
    // recompute says why (it awaits `ready` too).
    w.ready.catch(() => {
      if (this.worker !== w) return;
      this.worker = null;
      w.terminate();
    });
    return w;
  }

  /** Measures the picked block's deletion in both nets, one after the other; a newer call supersedes it. */
  async recompute(): Promise<void> {
    this.current?.abort();
    const run = new AbortController();
    this.current = run;
    const block = this.selected;
    this.phase = 'running';
    this.message = null;
    this.live = [];
    this.progress = 0;
    this.progressText = 'starting the worker';
    const w = this.ensure();
    const nets = this.data.nets;
    try {
      const { backend, note } = await w.ready;
      // Cancelled while the worker started (a click made before the island hydrated starts it): say so.
      run.signal.throwIfAborted();
      this.backendNote = backendText(backend, note);
      const rows: LiveRow[] = [];
      for (const [i, net] of nets.entries()) {
        const committed = net.blocks.find((b) => b.id === block)!.errors;
        const onEvent = (e: LesionEvent): void => {
          if (this.current !== run) return;
          const f = e.stage === 'run' ? 0.3 + 0.7 * e.fraction : 0.3 * e.fraction;
          this.progress = (i + f) / nets.length;
          this.progressText = `${STAGE_WORDS[e.stage]} the ${net.name.replace(/\s*\(.*\)$/, '')}`;
        };
        const a = await w.lesion(net.id, [block], { signal: run.signal, onEvent });
        if (this.current !== run) return;
        rows.push({ net: net.id, name: net.name, block, errors: a.errors, committed, count: a.count, nonFinite: a.nonFinite, ms: a.ms });
        this.live = [...rows];
        this.tensors = a.tensors;
      }
      this.progress = 1;
      this.phase = 'done';
      this.finished++;
    } catch (e) {
      if (this.current !== run) return; // superseded by a newer recompute, or the worker stopped
      if (isAborted(e)) {
        this.phase = 'cancelled';
        this.message = 'Cancelled. The committed numbers stay on the chart.';
        return;
      }
      this.phase = 'failed';
      this.message = `The deletion could not be recomputed: ${e instanceof Error ? e.message : String(e)}. The committed numbers stay on the chart; try again.`;
    } finally {
      if (this.current === run) this.current = null;
    }
  }

  cancel(): void {
    this.current?.abort();
  }

  dispose(): void {
    this.current?.abort();
    this.worker?.terminate();
    this.worker = null;
  }
}
