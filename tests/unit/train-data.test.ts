// The committed Fashion-MNIST subset and its loader (fetch, progress, gunzip, IDX decoding).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FASHION_FILES,
  decodeIdx,
  encodeIdx,
  gunzip,
  loadFashionMnist,
  pixelStats,
  type LoadProgress,
} from '../../src/lib/train/fashion-mnist';
import { source } from '../../src/lib/data/sources';
import { FASHION_DIR, committedFashion } from '../helpers/wasm-train';

describe('Fashion-MNIST subset', () => {
  it('holds 10,000 training and 2,000 test images of 28×28 with every class present', async () => {
    const d = await committedFashion();
    expect([d.train.count, d.test.count]).toEqual([10_000, 2_000]);
    expect([d.train.rows, d.train.cols]).toEqual([28, 28]);
    expect(d.train.images.length).toBe(10_000 * 784);
    for (const set of [d.train, d.test]) {
      const counts = new Array(10).fill(0);
      for (const l of set.labels) counts[l]++;
      // Roughly balanced, as the full set is (6,000 / 1,000 per class).
      for (const c of counts) expect(c).toBeGreaterThan((set.count / 10) * 0.8);
    }
    const { mean, std } = pixelStats(d.train);
    expect(mean).toBeGreaterThan(0.25);
    expect(mean).toBeLessThan(0.32);
    expect(std).toBeGreaterThan(0.3);
  });

  it('loads through fetch with byte progress, as a page or worker does', async () => {
    const served = new Map<string, Uint8Array<ArrayBuffer>>(
      Object.values(FASHION_FILES).map((f) => [f, new Uint8Array(readFileSync(join(FASHION_DIR, f)))]),
    );
    const fakeFetch = (async (url: string) => {
      const body = served.get(url.split('/').pop() ?? '');
      return body ? new Response(body, { headers: { 'content-length': String(body.length) } }) : new Response('missing', { status: 404 });
    }) as unknown as typeof fetch;
    const seen: LoadProgress[] = [];
    const d = await loadFashionMnist({
      baseUrl: 'http://site.test/data/fashion-mnist/',
      fetch: fakeFetch,
      onProgress: (p) => seen.push(p),
    });
    expect(d.test.count).toBe(2000);
    const total = [...served.values()].reduce((a, b) => a + b.length, 0);
    expect(seen.at(-1)).toEqual({ loaded: total, total });
    const bad = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    await expect(loadFashionMnist({ baseUrl: 'http://x/', fetch: bad })).rejects.toThrow(/Could not load .*HTTP 404/);
  });

  it('round-trips IDX and refuses what is not IDX', async () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const idx = encodeIdx([2, 3], data);
    expect(decodeIdx(idx)).toEqual({ dims: [2, 3], data });
    expect(() => decodeIdx(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/Not a uint8 IDX/);
    expect(() => decodeIdx(idx.subarray(0, idx.length - 1))).toThrow(/header says 6/);
    const gz = readFileSync(join(FASHION_DIR, FASHION_FILES.testLabels));
    expect((await gunzip(gz)).length).toBe(8 + 2000);
    // Bytes a browser already decoded (served with Content-Encoding: gzip) pass through unchanged.
    const plain = await gunzip(gz);
    expect(await gunzip(plain)).toBe(plain);
  });

  it('is credited on the Sources page with its licence', () => {
    const s = source('fashion-mnist');
    expect(s.kind).toBe('dataset');
    expect(s.title).toMatch(/MIT/);
    expect(s.authors).toMatch(/Xiao.*Zalando/);
    expect(readFileSync(join(FASHION_DIR, 'README.md'), 'utf8')).toMatch(/The MIT License/);
  });
});
