/**
 * The test images the tiny-nets figure offers, one per class: the first of each class in the
 * committed Fashion-MNIST test subset (scripts/derive-tiny-strip.mjs). Pixels decode from base64
 * without Node's Buffer, so this runs in the browser too.
 */
import raw from './tiny-strip.json';
import { PIXELS } from '../tiny/drawing';

export interface StripImage {
  /** Index in the committed 2,000-image test subset. */
  readonly index: number;
  /** True class, 0–9. */
  readonly label: number;
  /** 28×28 uint8, row-major, bright garment on black. */
  readonly pixels: Uint8Array;
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const TINY_STRIP: readonly StripImage[] = raw.images.map((x) => {
  const pixels = fromBase64(x.pixels);
  if (pixels.length !== PIXELS) throw new Error(`tiny-strip.json: image ${x.index} has ${pixels.length} pixels`);
  return { index: x.index, label: x.label, pixels };
});
