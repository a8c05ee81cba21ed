import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { checkImageBytes, readDimensions, sniffImage, workingSize } from '../../src/lib/inference/image-checks';
import { GALLERY_DIR } from '../helpers/node-models';

const bytes = (s: string) => new TextEncoder().encode(s);
const coffee = new Uint8Array(readFileSync(join(GALLERY_DIR, 'coffee.jpg')));
const png = (w: number, h: number) => new Uint8Array(PNG.sync.write(Object.assign(new PNG({ width: w, height: h }), {})));

/** A PNG whose header claims `w` × `h` (no real pixel data needed: the check reads the header). */
function pngHeaderClaiming(w: number, h: number) {
  const b = png(16, 16);
  const dv = new DataView(b.buffer);
  dv.setUint32(16, w);
  dv.setUint32(20, h);
  return b;
}

describe('image checks before decoding', () => {
  test('real photos pass, with their size read from the header', () => {
    expect(checkImageBytes(coffee)).toEqual({ ok: true, kind: 'jpeg', width: 600, height: 400 });
    expect(checkImageBytes(png(32, 20))).toEqual({ ok: true, kind: 'png', width: 32, height: 20 });
  });

  test('a text file named .jpg is refused as text', () => {
    const v = checkImageBytes(bytes('hello, I am not a photo\n'), 'photo.jpg');
    expect(v).toEqual({ ok: false, message: expect.stringMatching(/“photo\.jpg” is not an image: it looks like a text file/) });
  });

  test('an empty file', () => {
    expect(checkImageBytes(new Uint8Array(0), 'a.png')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
  });

  test('truncated JPEG and PNG files', () => {
    expect(checkImageBytes(coffee.subarray(0, 20_000))).toMatchObject({ ok: false, message: expect.stringMatching(/incomplete JPEG/) });
    const p = png(64, 64);
    expect(checkImageBytes(p.subarray(0, p.length - 20))).toMatchObject({ ok: false, message: expect.stringMatching(/incomplete PNG/) });
  });

  test('1×1 and 20000×20000 images are refused with the limits stated', () => {
    expect(checkImageBytes(png(1, 1))).toMatchObject({ ok: false, message: expect.stringMatching(/1 × 1 pixels, too small.*16 × 16/) });
    expect(checkImageBytes(pngHeaderClaiming(20000, 20000))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/20,000 × 20,000 pixels.*16,384 pixels a side and 40 megapixels/),
    });
  });

  test('SVG is recognised (to be rasterised through <img>, never run)', () => {
    expect(sniffImage(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe('svg');
    expect(sniffImage(bytes('<html><svg></svg></html>'))).toBeNull();
    // AVIF: an ISO base media file whose major brand is avif (or avis for sequences).
    const avif = new Uint8Array([0, 0, 0, 0x1c, ...bytes('ftypavif'), 0, 0, 0, 0, ...bytes('avifmif1miaf')]);
    expect(sniffImage(avif)).toBe('avif');
    expect(checkImageBytes(avif, 'photo.avif')).toMatchObject({ ok: true, kind: 'avif' });
  });

  test('GIF dimensions come from the header', () => {
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x20, 0x00, 0x10, 0x00]);
    expect(readDimensions(gif, 'gif')).toEqual({ width: 32, height: 16 });
  });

  test('working copies keep the aspect ratio and a longer side of at most 1024', () => {
    expect(workingSize(4000, 3000)).toEqual({ width: 1024, height: 768 });
    expect(workingSize(600, 400)).toEqual({ width: 600, height: 400 });
  });
});
