// Test helpers: decode committed photos in Node and serve public/models/ to the loader through a
// fetch shim (the loader's own code path, minus the network).
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const MODELS_DIR = join(ROOT, 'public', 'models');
export const GALLERY_DIR = join(ROOT, 'public', 'gallery');

/** The unit project (vitest.config.ts) runs without the downloaded weights: say where such a test belongs. */
function refuseInUnitSuite(what: string): void {
  if (process.env['TESTS_WITHOUT_MODEL_WEIGHTS']) {
    throw new Error(`${what}: the unit suite runs without model weights; a test that needs them belongs in tests/integration/`);
  }
}

/** A fetch that answers http://site.test/<path> from public/<path> (404 when absent). */
export const publicFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const { pathname } = new URL(url);
  if (pathname.startsWith('/models/')) refuseInUnitSuite(pathname);
  const path = join(ROOT, 'public', pathname);
  if (!existsSync(path)) return new Response('not found', { status: 404 });
  return new Response(readFileSync(path));
};

export const SITE = 'http://site.test';

export function modelsPresent(ids: readonly string[]): boolean {
  refuseInUnitSuite(`the weights of ${ids.join(', ')}`);
  return ids.every((id) => existsSync(join(MODELS_DIR, id, 'model.json')));
}

/** Decodes a JPEG or PNG file into an int32 [H, W, 3] RGB tensor (what tf.browser.fromPixels gives). */
export function decodeImage(path: string): tf.Tensor3D {
  const buf = readFileSync(path);
  let width: number;
  let height: number;
  let rgba: Uint8Array;
  if (path.endsWith('.png')) {
    const png = PNG.sync.read(buf);
    ({ width, height } = png);
    rgba = new Uint8Array(png.data);
  } else {
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true });
    ({ width, height } = img);
    rgba = img.data;
  }
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

/** RGBA pixels as a page sends them to the engine (ImageData-like), from a committed photo. */
export function photoRgba(path: string): { width: number; height: number; data: Uint8ClampedArray } {
  const rgb = decodeImage(path);
  const [h, w] = rgb.shape;
  const src = rgb.dataSync();
  rgb.dispose();
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    data[i * 4] = src[i * 3]!;
    data[i * 4 + 1] = src[i * 3 + 1]!;
    data[i * 4 + 2] = src[i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { width: w, height: h, data };
}

/** The engine's toPixels in Node: RGBA (ImageData-like) → int32 [H, W, 3]. */
export const rgbaToPixels = (
  img: { width: number; height: number; data: Uint8Array | Uint8ClampedArray } | ImageBitmap | ImageData,
): tf.Tensor3D => {
  const { width, height, data } = img as { width: number; height: number; data: Uint8ClampedArray };
  return tf.tidy(() => tf.tensor3d(Int32Array.from(data), [height, width, 4], 'int32').slice([0, 0, 0], [height, width, 3]));
};
