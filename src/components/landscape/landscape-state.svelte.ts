// The loss-landscape figure's state, apart from any markup: the committed data, the scale (linear or
// log), the contour levels the four plots share, and the cursor (the grid point under the pointer, or
// moved by the arrow keys on a focused plot) with its readout. LossLandscape.svelte only lays this
// out; Vitest drives it directly.
import type { LandscapeData, LandscapeNet } from '../../lib/data/landscape';
import { gridCoords } from '../../lib/landscape/coords';
import { depthPairs, tableRows } from '../../lib/landscape/facts';
import { formatLoss, lossExtent, medianLoss, sharedLevels, type LevelScale } from '../../lib/landscape/levels';
import { formatNumber } from '../../lib/format';
import { earlyChecked, type EarlySettings } from '../../lib/early-clicks';

/** Contour thresholds shared by the four plots. */
const LEVEL_COUNT = 12;

export interface Cursor {
  readonly net: string;
  readonly i: number;
  readonly j: number;
}

const KEY_STEPS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

export class LandscapeState {
  scale = $state<LevelScale>('linear');
  cursor = $state<Cursor | null>(null);

  readonly pairs;
  readonly rows;

  constructor(readonly data: LandscapeData) {
    this.pairs = depthPairs(data);
    this.rows = tableRows(data);
  }

  /** On the linear scale, the top level: the median loss of the four maps (higher losses take the top colour). */
  readonly cap = $derived.by(() => (this.scale === 'linear' ? medianLoss(this.data.nets.map((n) => n.grid.loss)) : Infinity));
  readonly levels = $derived.by(() =>
    sharedLevels(
      this.data.nets.map((n) => n.grid.loss),
      { count: LEVEL_COUNT, scale: this.scale, cap: this.cap },
    ),
  );
  /** The y range every slice chart shares. */
  readonly sliceExtent = $derived.by((): [number, number] => {
    const e = lossExtent(
      this.data.nets.map((n) => n.slice.loss),
      this.scale,
      this.cap,
    );
    return e ?? [0.01, 1];
  });

  /** What the legend's colours mean. */
  readonly legendText = $derived(
    this.scale === 'log'
      ? 'Training loss on a log scale, the same colours in all four plots:'
      : `Training loss, the same colours in all four plots, up to ${formatLoss(this.cap)} (the median over the four maps; higher losses take the top colour):`,
  );

  net(id: string): LandscapeNet | undefined {
    return this.data.nets.find((n) => n.id === id);
  }

  /** The readout of the cursor: where it is and the loss there. */
  readonly readout = $derived.by(() => {
    const c = this.cursor;
    const net = c ? this.net(c.net) : undefined;
    if (!c || !net) return '';
    const coords = gridCoords(net.grid.n, net.grid.range);
    const loss = net.grid.loss[c.j * net.grid.n + c.i]!;
    const mid = (net.grid.n - 1) / 2;
    const centre = net.grid.loss[mid * net.grid.n + mid]!;
    const at = `α = ${formatNumber(coords[c.i]!, 2)}, β = ${formatNumber(coords[c.j]!, 2)}`;
    return `${net.name} at ${at}: loss ${formatLoss(loss)}${c.i === mid && c.j === mid ? ' (the trained net)' : ` (trained net: ${formatLoss(centre)})`}`;
  });
  /** The loss under the cursor, for tests (NaN when there is none). */
  readonly cursorLoss = $derived.by(() => {
    const c = this.cursor;
    const net = c ? this.net(c.net) : undefined;
    return c && net ? net.grid.loss[c.j * net.grid.n + c.i]! : NaN;
  });

  /** The log-scale box as the reader left it before the figure hydrated (src/lib/early-clicks.ts: `log`). */
  applyEarly(kept: EarlySettings): void {
    const log = earlyChecked(kept.log);
    if (log !== undefined) this.scale = log ? 'log' : 'linear';
  }

  /** The pointer is over grid point (i, j) of a net's plot (null: off the plot). */
  point(net: string, cell: { i: number; j: number } | null): void {
    if (cell) this.cursor = { net, ...cell };
  }

  /** A plot took keyboard focus: the cursor goes to its centre unless it is already on that plot. */
  focus(net: string): void {
    const n = this.net(net);
    if (!n || this.cursor?.net === net) return;
    const mid = (n.grid.n - 1) / 2;
    this.cursor = { net, i: mid, j: mid };
  }

  /** Arrow keys move the cursor one grid point (β up), Home goes back to the centre. True if handled. */
  key(net: string, key: string): boolean {
    const n = this.net(net);
    if (!n) return false;
    const mid = (n.grid.n - 1) / 2;
    if (key === 'Home') {
      this.cursor = { net, i: mid, j: mid };
      return true;
    }
    const step = KEY_STEPS[key];
    if (!step) return false;
    const c = this.cursor?.net === net ? this.cursor : { net, i: mid, j: mid };
    const clamp = (v: number): number => Math.max(0, Math.min(n.grid.n - 1, v));
    this.cursor = { net, i: clamp(c.i + step[0]), j: clamp(c.j + step[1]) };
    return true;
  }
}
