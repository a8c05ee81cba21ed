// What keeps a demo page's main thread free, as facts that hold on any machine, loaded or quiet (no
// durations here: `npm run bench:mainthread` measures those and prints them):
// - tfjs runs only in workers: the page has no tfjs engine, no script the page fetched for itself
//   holds tfjs (the worker scripts it fetches to start its workers aside), and a worker's script does;
// - the page touches no pixel: no 2D-context pixel call (getImageData, putImageData, createImageData,
//   drawImage), no ImageData and no createImageBitmap on the main thread. A figure's picture arrives as
//   an ImageBitmap from a worker and goes on its canvas through 'bitmaprenderer' (`paints` counts those
//   per canvas, by data-testid, so a test can tell which canvases a change redrew).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Strings only tfjs carries, after minification (the same as scripts/size-check.mjs). */
const TFJS_MARKERS = ['BatchMatMul', 'FusedConv2D'];

const codeOf = (path: string) => readFileSync(new URL(`../../dist${path}`, import.meta.url), 'utf8');
const holdsTfjs = (url: string): boolean => {
  const path = new URL(url).pathname;
  if (!/\.m?js$/.test(path)) return false;
  return TFJS_MARKERS.some((m) => codeOf(path).includes(m));
};
/** The script or a chunk it imports (statically or not): the classifier worker's entry imports tfjs's. */
const graphHoldsTfjs = (url: string): boolean => {
  if (holdsTfjs(url)) return true;
  const path = new URL(url).pathname;
  if (!/\.m?js$/.test(path)) return false;
  const chunks = [...codeOf(path).matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => new URL(m[1]!, url).href);
  return chunks.some(holdsTfjs);
};

interface Watched {
  __scripts: string[];
  __pixelWork: string[];
  __paints: Record<string, number>;
  /** Set by the test while it reads a canvas itself. */
  __testReads: boolean;
}

export class MainThreadWatch {
  private readonly workerUrls: string[] = [];

  private constructor(private readonly page: Page) {
    page.on('worker', (w) => this.workerUrls.push(w.url()));
  }

  /** Call before the page loads. */
  static async start(page: Page): Promise<MainThreadWatch> {
    const watch = new MainThreadWatch(page);
    await page.addInitScript(() => {
      const w = window as unknown as Watched;
      w.__scripts = [];
      w.__pixelWork = [];
      w.__paints = {};
      w.__testReads = false;
      // Every resource this page (not its workers) fetches, whatever the size of the timing buffer.
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__scripts.push(e.name);
      }).observe({ type: 'resource', buffered: true });
      const note = (what: string) => {
        if (!w.__testReads) w.__pixelWork.push(what);
      };
      const testId = (c: unknown) => (c instanceof HTMLCanvasElement ? (c.dataset['testid'] ?? 'a canvas') : 'an offscreen canvas');
      for (const proto of [CanvasRenderingContext2D.prototype, OffscreenCanvasRenderingContext2D.prototype] as unknown as Record<
        string,
        unknown
      >[]) {
        for (const name of ['getImageData', 'putImageData', 'createImageData', 'drawImage']) {
          const original = proto[name] as (...a: unknown[]) => unknown;
          proto[name] = function (this: { canvas: unknown }, ...args: unknown[]) {
            note(`${name} on ${testId(this.canvas)}`);
            return original.apply(this, args);
          };
        }
      }
      const OriginalImageData = ImageData;
      window.ImageData = new Proxy(OriginalImageData, {
        construct(target, args) {
          note('new ImageData');
          return Reflect.construct(target, args) as object;
        },
      });
      const originalBitmap = window.createImageBitmap.bind(window) as (...a: unknown[]) => Promise<ImageBitmap>;
      (window as unknown as { createImageBitmap: unknown }).createImageBitmap = (...args: unknown[]) => {
        note('createImageBitmap');
        return originalBitmap(...args);
      };
      const transfer = ImageBitmapRenderingContext.prototype.transferFromImageBitmap;
      ImageBitmapRenderingContext.prototype.transferFromImageBitmap = function (
        this: ImageBitmapRenderingContext,
        bitmap: ImageBitmap | null,
      ) {
        const id = testId(this.canvas);
        w.__paints[id] = (w.__paints[id] ?? 0) + 1;
        transfer.call(this, bitmap);
      };
    });
    return watch;
  }

  /** tfjs was never on this page's main thread: only a worker's script brought it. */
  async expectTfjsOnlyInWorkers(): Promise<void> {
    expect(await this.page.evaluate(() => '_tfengine' in globalThis), 'a tfjs engine on the page itself').toBe(false);
    const fetched = await this.page.evaluate(() => (window as unknown as Watched).__scripts);
    const own = new URL(this.page.url()).origin;
    // A worker's own script is fetched on the page's timeline too, but runs in the worker; so are the
    // engine's files the page prefetches for its worker (into the HTTP cache, never run).
    const prefetched = await this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map((l) => l.href),
    );
    const forPage = fetched.filter((u) => u.startsWith(own) && !this.workerUrls.includes(u) && !prefetched.includes(u));
    expect(forPage.filter(holdsTfjs), 'scripts holding tfjs fetched by the page for itself').toEqual([]);
    expect(this.workerUrls.filter(graphHoldsTfjs), 'worker scripts holding tfjs').not.toEqual([]);
  }

  /** Pixel work done on the main thread (outside `read`), one entry per call: empty when none. */
  pixelWork(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as Watched).__pixelWork);
  }

  /** Pictures put on each canvas through 'bitmaprenderer', by data-testid. */
  paints(): Promise<Record<string, number>> {
    return this.page.evaluate(() => ({ ...(window as unknown as Watched).__paints }));
  }
}

/** Hash of a canvas's pixels (read by the test itself, not counted as the page's work), and how many bytes are not 0. */
export async function canvasDigest(page: Page, testId: string): Promise<{ hash: number; lit: number }> {
  return page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => {
    const w = window as unknown as { __testReads?: boolean };
    w.__testReads = true;
    try {
      // The canvas may show an ImageBitmap ('bitmaprenderer'): copy it to read it.
      const copy = document.createElement('canvas');
      copy.width = c.width;
      copy.height = c.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(c, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let hash = 2166136261;
      let lit = 0;
      for (let i = 0; i < d.length; i++) {
        hash = Math.imul(hash ^ d[i]!, 16777619) >>> 0;
        if (d[i]! > 0) lit++;
      }
      return { hash, lit };
    } finally {
      w.__testReads = false;
    }
  });
}
