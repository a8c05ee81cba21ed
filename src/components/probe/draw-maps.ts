// Activation maps as a grid of tiles on ONE colour scale (viridis, dark = the set's lowest value,
// yellow = its highest), so tiles can be compared with each other: a layer's most active channels and
// the F(x) / x / F(x)+x rows. The probe's paint worker paints them (src/lib/probe/paint.ts, with the site's
// one map painter); the page
// only sizes the canvas and shows the ImageBitmap that comes back.
import { mapGrid } from '../../lib/inference/map-tiles';
import { paintDpr, painter, paintInto } from './paint-client';

export { VIRIDIS_CSS } from '../../lib/inference/map-tiles';

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
export function drawMaps(
  canvas: HTMLCanvasElement,
  shows: string,
  set: MapSet,
  maxWidth: number,
  opts: { cols?: number; minCell?: number; maxCell?: number } = {},
): Promise<boolean> {
  const grid = mapGrid(set.maps.length, maxWidth, { ...opts, gap: 3 });
  canvas.style.width = `${grid.width}px`;
  canvas.style.height = `${grid.height}px`;
  const paint = painter
    .maps({ maps: set.maps, h: set.h, w: set.w, min: set.min, max: set.max, maxWidth, ...opts, dpr: paintDpr() })
    .then((r) => ({ bitmap: r.bitmap, cssWidth: r.grid.width, cssHeight: r.grid.height }));
  return paintInto(canvas, shows, paint);
}
