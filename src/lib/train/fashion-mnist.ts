/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, Zalando Research, MIT licence) in its original IDX
 * format, gzipped: the site commits a subset under public/data/fashion-mnist/ (scripts/
 * derive-fashion-mnist.mjs), the reference script may read the full set from Debian's
 * dataset-fashion-mnist. Framework-free: gunzip goes through `DecompressionStream`, which browsers,
 * Web Workers and Node ≥ 18 all provide.
 */

/** The ten classes, in label order (the dataset's README). */
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

export interface ImageSet {
  /** `count` images of `rows × cols` uint8 pixels, row-major, one after another. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

export interface FashionMnist {
  readonly train: ImageSet;
  readonly test: ImageSet;
}

/** File names of the committed subset (and of the original distribution). */
export const FASHION_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // A server may send a .gz file with `Content-Encoding: gzip` (astro preview does), and the browser
  // then hands over the bytes already decoded: without gzip's magic number they pass through as they
  // are (DecompressionStream would fail on them with a bare "Failed to fetch").
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads an IDX file (big-endian header: magic 0x0000080d with d dimensions, then the sizes). */
export function decodeIdx(bytes: Uint8Array): { dims: number[]; data: Uint8Array } {
  if (bytes.length < 8) throw new Error('Not an IDX file: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = (magic >> 8) & 0xff;
  const nd = magic & 0xff;
  if (magic >>> 16 !== 0 || type !== 0x08 || nd < 1 || nd > 3) throw new Error(`Not a uint8 IDX file (magic 0x${magic.toString(16)})`);
  const dims: number[] = [];
  for (let i = 0; i < nd; i++) dims.push(view.getUint32(4 + 4 * i));
  const start = 4 + 4 * nd;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length - start !== size) throw new Error(`IDX file holds ${bytes.length - start} bytes, its header says ${size}`);
  return { dims, data: bytes.subarray(start) };
}

/** Encodes uint8 data as IDX (used by the subset script; the inverse of `decodeIdx`). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 | dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

export function toImageSet(images: { dims: number[]; data: Uint8Array }, labels: { dims: number[]; data: Uint8Array }): ImageSet {
  const [count, rows, cols] = images.dims;
  if (count === undefined || rows === undefined || cols === undefined) throw new Error('Image file must have three dimensions');
  if (labels.dims[0] !== count) throw new Error(`${count} images but ${labels.dims[0] ?? 0} labels`);
  for (const l of labels.data) if (l > 9) throw new Error(`Label ${l} is not a Fashion-MNIST class`);
  return { images: images.data, labels: labels.data, count, rows, cols };
}

export interface LoadProgress {
  /** Compressed bytes received so far, over all four files. */
  readonly loaded: number;
  /** Their total (from Content-Length; null while a size is unknown). */
  readonly total: number | null;
}

export interface LoadOptions {
  /** Folder URL holding the four files, ending with '/'. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

async function fetchBytes(
  url: string,
  f: typeof fetch,
  signal: AbortSignal | undefined,
  onChunk: (n: number, total: number | null) => void,
): Promise<Uint8Array> {
  const res = await f(url, signal ? { signal } : {});
  if (!res.ok) throw new Error(`Could not load ${url} (HTTP ${res.status})`);
  const len = Number(res.headers.get('content-length'));
  const total = Number.isFinite(len) && len > 0 ? len : null;
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    onChunk(all.length, total ?? all.length);
    return all;
  }
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    got += value.length;
    onChunk(value.length, total);
  }
  const all = new Uint8Array(got);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

/** Fetches, gunzips and decodes the four files, reporting byte progress. */
export async function loadFashionMnist(opts: LoadOptions): Promise<FashionMnist> {
  const f = opts.fetch ?? fetch;
  const names = [FASHION_FILES.trainImages, FASHION_FILES.trainLabels, FASHION_FILES.testImages, FASHION_FILES.testLabels];
  const totals: (number | null)[] = names.map(() => null);
  let loaded = 0;
  const report = (): void => {
    const known = totals.every((t) => t !== null);
    opts.onProgress?.({ loaded, total: known ? totals.reduce<number>((a, b) => a + (b ?? 0), 0) : null });
  };
  const raw = await Promise.all(
    names.map((name, i) =>
      fetchBytes(opts.baseUrl + name, f, opts.signal, (n, total) => {
        totals[i] = total;
        loaded += n;
        report();
      }),
    ),
  );
  const [ti, tl, vi, vl] = await Promise.all(raw.map(async (b) => decodeIdx(await gunzip(b))));
  return { train: toImageSet(ti!, tl!), test: toImageSet(vi!, vl!) };
}

/** Decodes the four files from bytes already in memory (Node scripts and tests). */
export async function decodeFashionMnist(files: Record<keyof typeof FASHION_FILES, Uint8Array>): Promise<FashionMnist> {
  const [ti, tl, vi, vl] = await Promise.all(
    [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map(async (b) => decodeIdx(await gunzip(b))),
  );
  return { train: toImageSet(ti!, tl!), test: toImageSet(vi!, vl!) };
}

/** Pixel mean and standard deviation (of x/255) over a set: the normalisation training uses. */
export function pixelStats(set: ImageSet): { mean: number; std: number } {
  let s = 0;
  let s2 = 0;
  for (const v of set.images) {
    const x = v / 255;
    s += x;
    s2 += x * x;
  }
  const n = set.images.length;
  const mean = s / n;
  return { mean, std: Math.sqrt(Math.max(s2 / n - mean * mean, 1e-12)) };
}

/** The first `n` images of a set (a view, no copy). */
export function head(set: ImageSet, n: number): ImageSet {
  const k = Math.min(n, set.count);
  const px = set.rows * set.cols;
  return { ...set, images: set.images.subarray(0, k * px), labels: set.labels.subarray(0, k), count: k };
}
