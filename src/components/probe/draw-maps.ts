// Activation maps as a grid of tiles on ONE colour scale (viridis, dark = the set's lowest value,
// yellow = its highest), so tiles can be compared with each other: a layer's most active channels and
// the F(x) / x / F(x)+x rows. The probe's paint worker paints them (src/lib/probe/paint.ts); the page
// only sizes the canvas and shows the ImageBitmap that comes back.
import { interpolateViridis } from 'd3';
import { mapGrid } from '../../lib/probe/heatmap';
import { paintDpr, painter, paintInto } from './paint-client';

/** A CSS gradient of the same scale, for the legend. */
export const VIRIDIS_CSS = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateViridis(t)).join(', ')})`;

export interface MapSet {
  maps: Float32Array[];
  h: number;
  w: number;
  min: number;
  max: number;
}

/**
 * Paints the maps in the worker and shows them on `canvas` (sized at once, so the layout does not
 * jump); true when shown. `shows` names the maps (the canvas's data-shows once they are on it).
 */
export function drawMaps(canvas: HTMLCanvasElement, shows: string, set: MapSet, maxWidth: number, opts: { cols?: number; minCell?: number; maxCell?: number } = {}): Promise<boolean> {
  const grid = mapGrid(set.maps.length, maxWidth, { ...opts, gap: 3 });
  canvas.style.width = `${grid.width}px`;
  canvas.style.height = `${grid.height}px`;
  const paint = painter
    .maps({ maps: set.maps, h: set.h, w: set.w, min: set.min, max: set.max, maxWidth, ...opts, dpr: paintDpr() })
    .then((r) => ({ bitmap: r.bitmap, cssWidth: r.grid.width, cssHeight: r.grid.height }));
  return paintInto(canvas, shows, paint);
}
