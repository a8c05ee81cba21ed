// The gallery's thumbnails (src/lib/image/thumbnail.ts): the button's shape cut from the middle of the
// photo, and every output pixel the exact average of the source area it covers.
import { describe, expect, it } from 'vitest';
import { THUMBNAIL, coverCrop, thumbnail, type Rgba } from '../../src/lib/image/thumbnail';

/** A picture whose pixel (x, y) has red x, green y, blue 7 and alpha 255. */
const ramp = (width: number, height: number): Rgba => ({
  width,
  height,
  data: Uint8Array.from({ length: width * height * 4 }, (_, i) => {
    const p = i >> 2;
    return [p % width, Math.floor(p / width), 7, 255][i & 3]!;
  }),
});

describe('gallery thumbnails', () => {
  it('cut the button’s 4:3 shape from the middle of a 3:2 photo', () => {
    expect(coverCrop(600, 400, THUMBNAIL)).toEqual({ x: (600 - 400 * (4 / 3)) / 2, y: 0, width: 400 * (4 / 3), height: 400 });
    expect(coverCrop(300, 400, { width: 3, height: 4 })).toEqual({ x: 0, y: 0, width: 300, height: 400 });
  });

  it('average each block of source pixels exactly, colour by colour', () => {
    const t = thumbnail(ramp(8, 6), { width: 4, height: 3 });
    expect([t.width, t.height]).toEqual([4, 3]);
    // Output (x, y) averages source columns 2x, 2x+1 and rows 2y, 2y+1: red 2x + 0.5, green 2y + 0.5.
    const px = (x: number, y: number) => [...t.data.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([1, 1, 7, 255]); // 0.5 rounds to 1 (Math.round)
    expect(px(3, 2)).toEqual([7, 5, 7, 255]); // 6.5 → 7, 4.5 → 5
  });

  it('weigh source pixels that straddle an output pixel by their share', () => {
    // 3 × 3 into 2 × 2, every row red 0, 90, 180: the middle column counts half for each side.
    const row = [0, 0, 0, 255, 90, 0, 0, 255, 180, 0, 0, 255];
    const src: Rgba = { width: 3, height: 3, data: Uint8Array.from([...row, ...row, ...row]) };
    const t = thumbnail(src, { width: 2, height: 2 });
    expect([t.data[0], t.data[4], t.data[8], t.data[12]]).toEqual([30, 150, 30, 150]); // (0·1 + 90·0.5)/1.5, (90·0.5 + 180·1)/1.5
  });

  it('make a 600 × 400 gallery photo into 192 × 144 pixels of the same flat colour', () => {
    const flat: Rgba = { width: 600, height: 400, data: new Uint8Array(600 * 400 * 4).fill(200) };
    const t = thumbnail(flat);
    expect([t.width, t.height, t.data.length]).toEqual([192, 144, 192 * 144 * 4]);
    expect(new Set(t.data)).toEqual(new Set([200]));
  });
});
