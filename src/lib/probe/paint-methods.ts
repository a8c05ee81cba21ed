// The methods of the ResNet-50 probe's paint worker (src/workers/probe-paint.worker.ts), called through
// the worker runtime (src/lib/worker-rpc).
// The worker decodes the reader's photo once and keeps it, hands the engine worker copies of it, and
// paints every figure's pixels (tiles of maps, Grad-CAM over the photo) into ImageBitmaps the page
// shows as they are: the page's main thread decodes nothing and loops over no pixel.
import type { MapGrid } from '../inference/map-tiles';

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

/** The paint worker's methods. */
export interface PaintMethods {
  /** Decode the reader's file (checked from its bytes first) and keep the working copy as `photoId`;
   * answers the working copy's size, the original's, and what to show as the preview. */
  photo: {
    args: { photoId: string; blob: Blob; name: string };
    result: { width: number; height: number; originalWidth: number; originalHeight: number; preview: Blob };
  };
  /** A photo the page decoded itself (an SVG, which needs a document), kept as `photoId`. */
  'photo-bitmap': { args: { photoId: string; bitmap: ImageBitmap }; result: { width: number; height: number } };
  /** A copy of a kept photo, for the engine worker. */
  copy: { args: { photoId: string }; result: ImageBitmap };
  drop: { args: { photoId: string }; result: null };
  maps: { args: MapsPaint; result: { bitmap: ImageBitmap; grid: MapGrid } };
  gradcam: { args: CamPaint; result: { bitmap: ImageBitmap; width: number; height: number } };
}
