// The messages between the ResNet-50 probe's figures and their paint worker (src/workers/probe-paint.worker.ts).
// The worker decodes the reader's photo once and keeps it, hands the engine worker copies of it, and
// paints every figure's pixels (tiles of maps, Grad-CAM over the photo) into ImageBitmaps the page
// shows as they are: the page's main thread decodes nothing and loops over no pixel.
import type { MapGrid } from './heatmap';

export interface MapsPaint {
  maps: Float32Array[];
  h: number;
  w: number;
  /** The shared colour scale. */
  min: number;
  max: number;
  /** CSS pixels the grid may take, and the grid's options (see mapGrid). */
  maxWidth: number;
  cols?: number;
  minCell?: number;
  maxCell?: number;
  /** Device pixels per CSS pixel (at most 2). */
  dpr: number;
}

export interface CamPaint {
  photoId: string;
  /** The h × w Grad-CAM map, row-major, and its largest value (0: nothing to lay over the photo). */
  map: Float32Array;
  h: number;
  w: number;
  peak: number;
  maxWidth: number;
}

export type PaintRequest =
  /** Decode the reader's file (checked from its bytes first) and keep the working copy as `photoId`. */
  | { type: 'photo'; photoId: string; blob: Blob; name: string }
  /** A photo the page decoded itself (an SVG, which needs a document), kept as `photoId`. */
  | { type: 'photo-bitmap'; photoId: string; bitmap: ImageBitmap }
  /** A copy of a kept photo, for the engine worker. */
  | { type: 'copy'; photoId: string }
  | { type: 'drop'; photoId: string }
  | ({ type: 'maps' } & MapsPaint)
  | ({ type: 'gradcam' } & CamPaint);

export interface PaintResults {
  /** The working copy's size, the original's, and what to show as the preview. */
  photo: { width: number; height: number; originalWidth: number; originalHeight: number; preview: Blob };
  'photo-bitmap': { width: number; height: number };
  copy: ImageBitmap;
  drop: null;
  maps: { bitmap: ImageBitmap; grid: MapGrid };
  gradcam: { bitmap: ImageBitmap; width: number; height: number };
}

export type PaintType = PaintRequest['type'];

export type PaintReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };
