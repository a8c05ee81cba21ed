// The live landscape's state, apart from any markup: after the lab has trained a pair of nets (paused
// or done), "Map the landscape" checks the memory first (a polite refusal, never a start), then asks
// the lab's worker for a grid around each net, follows its progress per net, and keeps the two grids,
// NaN points included (marked cells, not an error). Cancel ends the job; a newer map supersedes the
// older one; Start, Resume or Reset in the lab drops the map (the reader gets the latest run's, never an
// old one). LiveLandscape.svelte only lays this out; Vitest drives it over a fake worker.
import { LatestWins, isAborted } from '../../lib/worker-rpc';
import { checkLandscapeMemory, estimateLandscapeMemory, landscapeDevice } from '../../lib/landscape/live-memory';
import { DEFAULT_LIVE_GRID, expectedMapSeconds, riseSentence, type LiveGridSettings } from '../../lib/landscape/live-grid';
import type { LandscapeGrid } from '../../lib/landscape/grid';
import type { LandscapeArgs, LandscapeEvent, NetKey } from '../../lib/train/lab-methods';
import type { ArchSpec } from '../../lib/arch/types';
import { formatDuration, formatInt, formatNumber, formatSignificant } from '../../lib/format';
import { gridCoords } from '../../lib/landscape/grid';

type LandscapePhase = 'closed' | 'refused' | 'mapping' | 'done' | 'cancelled' | 'error';

export interface LiveLandscapeDeps {
  /** The lab worker's `landscape` call, or null when no worker holds trained nets. */
  map: () => ((args: LandscapeArgs, onEvent: (e: LandscapeEvent) => void, signal: AbortSignal) => Promise<{ iteration: number }>) | null;
  /** After a map ends, however it ends (the lab asks its worker for the tensor count). */
  ended?: () => void;
}

/** What the lab knows about its nets when the reader asks for the map. */
export interface LandscapeContext {
  readonly specs: readonly ArchSpec[];
  readonly names: Record<NetKey, string>;
  /** The lab worker's backend ('wasm', 'webgl', …). */
  readonly backend: string;
  /** `navigator.deviceMemory` where the browser has it. */
  readonly deviceMemoryGiB: number | undefined;
}

const INPUT = { h: 28, w: 28, c: 1 } as const;
const emptyProgress = (): Record<NetKey, { done: number; total: number }> => ({
  plain: { done: 0, total: 0 },
  residual: { done: 0, total: 0 },
});

export class LiveLandscapeState {
  phase = $state<LandscapePhase>('closed');
  progress = $state(emptyProgress());
  grids = $state<Record<NetKey, LandscapeGrid | null>>({ plain: null, residual: null });
  message = $state<string | null>(null);
  names = $state<Record<NetKey, string>>({ plain: 'the plain net', residual: 'the residual net' });
  /** The lab's iteration the map was taken at. */
  iteration = $state<number | null>(null);
  /** The grid asked for (the URL's `map.*` keys may make it smaller). */
  settings = $state<LiveGridSettings>(DEFAULT_LIVE_GRID);

  private readonly lane = new LatestWins();
  private job = 0;

  constructor(private readonly deps: LiveLandscapeDeps) {}

  /** Points done over both nets, out of all. */
  readonly fraction = $derived.by(() => {
    const p = this.progress;
    const total = this.settings.steps ** 2 * 2;
    return (p.plain.done + p.residual.done) / total;
  });

  readonly sentence = $derived.by(() => {
    const { plain, residual } = this.grids;
    return plain && residual ? riseSentence(this.names, { plain, residual }) : '';
  });

  /** The lab's measured milliseconds per iteration, both nets (null before it has trained). */
  labMsPerIteration = $state<number | null>(null);

  /** "Roughly 2 min at the lab's measured speed." (empty before the lab has a speed). */
  readonly expected = $derived.by(() => {
    const ms = this.labMsPerIteration;
    return ms ? `Roughly ${formatDuration(expectedMapSeconds(this.settings, ms))} at the lab's measured speed.` : '';
  });

  /** The grid point under the pointer or the keyboard cursor, on one net's map. */
  cursor = $state<{ key: NetKey; i: number; j: number } | null>(null);

  /** The loss under the cursor: "Plain-8 at α = 0.5, β = −0.5: loss 1.23". */
  readonly readout = $derived.by(() => {
    const c = this.cursor;
    const g = c ? this.grids[c.key] : null;
    if (!c || !g) return '';
    const coords = gridCoords(g.n, g.range);
    const v = g.loss[c.j * g.n + c.i]!;
    const at = `${this.names[c.key]} at α = ${formatNumber(coords[c.i]!, 2)}, β = ${formatNumber(coords[c.j]!, 2)}`;
    return `${at}: ${Number.isFinite(v) ? `loss ${formatSignificant(v)}` : 'no finite loss (NaN)'}`;
  });

  /** Arrow keys on a map: move the cursor one grid point (starting from the centre). */
  moveCursor(key: NetKey, di: number, dj: number): void {
    const g = this.grids[key];
    if (!g) return;
    const mid = (g.n - 1) / 2;
    const c = this.cursor?.key === key ? this.cursor : { key, i: mid - di, j: mid - dj };
    const clamp = (v: number) => Math.max(0, Math.min(g.n - 1, v));
    this.cursor = { key, i: clamp(c.i + di), j: clamp(c.j + dj) };
  }

  /** The live status line: changes of phase, never every point. */
  readonly status = $derived.by(() => {
    const { steps, images } = this.settings;
    const grid = `grid of ${steps} × ${steps} points on ${formatInt(images)} training images`;
    const both = `${this.names.plain} and ${this.names.residual}`;
    switch (this.phase) {
      case 'mapping':
        return `Mapping the loss around ${both} (a ${grid} each)…`;
      case 'done':
        return `The loss around ${both} after ${formatInt(this.iteration ?? 0)} iterations, on a ${grid} each.`;
      case 'cancelled':
        return 'Cancelled: the map was dropped and its memory freed.';
      case 'refused':
        return 'Not started (see the message below).';
      case 'error':
        return 'The map stopped with an error (see the message below).';
      default:
        return `Pause or finish a run, then map the loss around the two trained nets (a ${grid} each).`;
    }
  });

  /** Maps the landscape around the lab's trained nets (a refusal if memory is too small). */
  start(ctx: LandscapeContext): void {
    const job = ++this.job;
    this.reset(ctx.names);
    const fit = checkLandscapeMemory(
      estimateLandscapeMemory(ctx.specs, INPUT, this.settings.images),
      landscapeDevice(ctx.backend, ctx.deviceMemoryGiB),
    );
    const map = this.deps.map();
    if (!fit.ok || !map) {
      // An older map still running belongs to what the reader no longer asks for.
      this.lane.cancel();
      this.phase = 'refused';
      this.message = fit.ok ? 'Train the two nets first: the landscape is mapped around a paused or finished run.' : fit.message;
      return;
    }
    this.phase = 'mapping';
    const onEvent = (e: LandscapeEvent) => {
      if (job !== this.job) return;
      if (e.type === 'progress') this.progress[e.key] = { done: e.done, total: e.total };
      else this.grids[e.key] = e.grid;
    };
    this.lane
      // A plain copy: the $state proxy cannot be cloned into a worker message.
      .run((signal) => map({ ...this.settings }, onEvent, signal))
      .then(
        (r) => {
          if (job !== this.job) return;
          this.iteration = r.iteration;
          this.phase = 'done';
        },
        (e: unknown) => {
          if (job !== this.job) return;
          // A cancel or a newer map has moved `job` on already: an abort here came from the worker's side.
          this.phase = isAborted(e) ? 'cancelled' : 'error';
          if (!isAborted(e)) this.message = `The landscape could not be mapped: ${e instanceof Error ? e.message : String(e)}`;
        },
      )
      .finally(() => this.deps.ended?.());
  }

  /** The reader's Cancel: the worker stops between two points and frees the job's tensors. */
  cancel(): void {
    if (this.phase !== 'mapping') return;
    this.job++;
    this.lane.cancel();
    this.reset(this.names);
    this.phase = 'cancelled';
  }

  /** The lab starts, resumes or resets: the map (and any job) belongs to nets that are gone. */
  drop(): void {
    this.job++;
    if (this.phase === 'mapping') this.lane.cancel();
    this.reset(this.names);
    this.phase = 'closed';
  }

  private reset(names: Record<NetKey, string>): void {
    this.cursor = null;
    this.progress = emptyProgress();
    this.grids = { plain: null, residual: null };
    this.message = null;
    this.iteration = null;
    this.names = names;
  }
}
