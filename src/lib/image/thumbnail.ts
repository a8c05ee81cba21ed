// Gallery thumbnails. A gallery button shows its photo at 96 × 72 px, but the full photo is about 60 kB:
// eleven of them took a phone's bandwidth from the demo's own code as the page opened. Each photo is
// instead downscaled at build time (src/plugins/gallery-thumbnails.mjs) to twice the button's size
// for sharp screens, over a centred crop of the button's shape, by area averaging (every source pixel
// counts by how much of it falls in the output pixel); the full photo is fetched only to classify it.

/** RGBA pixels, 4 bytes a pixel, rows top to bottom. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The thumbnail's size: the gallery button's 96 × 72 CSS pixels, twice over. */
export const THUMBNAIL = { width: 192, height: 144 } as const;

/** The largest centred part of a `width` × `height` picture with the shape of `to`. */
export function coverCrop(width: number, height: number, to: { width: number; height: number }) {
  const scale = Math.min(width / to.width, height / to.height);
  const w = to.width * scale;
  const h = to.height * scale;
  return { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h };
}

/** For each of `n` output cells over [start, start + length): the source indices it covers and their shares. */
function areaWeights(n: number, start: number, length: number, limit: number): { index: number; weight: number }[][] {
  const step = length / n;
  return Array.from({ length: n }, (_, i) => {
    const from = start + i * step;
    const to = from + step;
    const cells: { index: number; weight: number }[] = [];
    for (let j = Math.floor(from); j < Math.min(Math.ceil(to), limit); j++) {
      const overlap = Math.min(to, j + 1) - Math.max(from, j);
      if (overlap > 0) cells.push({ index: j, weight: overlap / step });
    }
    return cells;
  });
}

/** `src` cropped to the shape of `size` (centred) and downscaled to it by area averaging. */
export function thumbnail(src: Rgba, size: { width: number; height: number } = THUMBNAIL): Rgba {
  const crop = coverCrop(src.width, src.height, size);
  const cols = areaWeights(size.width, crop.x, crop.width, src.width);
  const rows = areaWeights(size.height, crop.y, crop.height, src.height);
  const data = new Uint8Array(size.width * size.height * 4);
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const sum = [0, 0, 0, 0];
      for (const r of rows[y]!) {
        for (const c of cols[x]!) {
          const w = r.weight * c.weight;
          const at = (r.index * src.width + c.index) * 4;
          for (let k = 0; k < 4; k++) sum[k]! += w * src.data[at + k]!;
        }
      }
      for (let k = 0; k < 4; k++) data[(y * size.width + x) * 4 + k] = Math.round(sum[k]!);
    }
  }
  return { width: size.width, height: size.height, data };
}
