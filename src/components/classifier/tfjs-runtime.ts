// Everything that touches tfjs in the page, loaded by dynamic import() only when the reader starts the
// classifier (npm run size checks that no page loads tfjs up front). The compute itself lives in
// src/lib/inference; this module picks and starts a backend and turns decoded images into tensors.
import * as tf from '@tensorflow/tfjs';

export { tf, startBackend, webglIsHardware } from '../tfjs/runtime';
export type { BackendChoice, BackendState } from '../tfjs/runtime';

/** Decoded image (bitmap, <img> or canvas) → int32 [H, W, 3] RGB tensor. */
export function pixelsFrom(source: ImageBitmap | HTMLImageElement | HTMLCanvasElement): tf.Tensor3D {
  return tf.browser.fromPixels(source, 3);
}
