// The page's handle on the probe's paint worker (src/workers/probe-paint.worker.ts): one per page,
// started on the first photo. Photos go in as the reader's bytes (decoded there, once, for all three
// figures); pictures come back as ImageBitmaps, which `showBitmap` puts on a canvas as they are. If the
// worker stops, the next request starts a new one (the worker runtime) and the photos it held are sent again.
import { BadImageError, decodeImage, NeedsDocumentError } from '../shared/decode-image';
import type { CamPaint, MapsPaint, PaintMethods } from '../../lib/probe/paint-methods';
import { LatestWins, RpcClient, WorkerError, isAborted, type Args, type Result, type WorkerLike } from '../../lib/worker-rpc';

type Source = { blob: Blob; name: string } | { bitmap: ImageBitmap };

class Painter {
  private readonly rpc = new RpcClient<PaintMethods>({
    create: () =>
      new Worker(new URL('../../workers/probe-paint.worker.ts', import.meta.url), {
        type: 'module',
        name: 'probe-paint',
      }) as unknown as WorkerLike,
  });
  /** What each kept photo was made from, and the worker generation that holds it (sent again to a new worker). */
  private readonly sources = new Map<string, { source: Source; generation: number }>();

  private async request<K extends keyof PaintMethods>(
    method: K,
    args: Args<PaintMethods, K>,
    transfer: Transferable[] = [],
  ): Promise<Result<PaintMethods, K>> {
    try {
      return await this.rpc.call(method, args, { transfer });
    } catch (e) {
      throw toError(e);
    }
  }

  /**
   * Decodes the reader's file as `photoId` in the worker (an SVG, which only a document can draw, is
   * drawn here instead); the preview is an object URL to revoke when the photo goes.
   */
  async putPhoto(photoId: string, blob: Blob, name: string): Promise<{ width: number; height: number; previewUrl: string }> {
    try {
      const r = await this.request('photo', { photoId, blob, name });
      this.sources.set(photoId, { source: { blob, name }, generation: this.rpc.generation });
      return { width: r.width, height: r.height, previewUrl: URL.createObjectURL(r.preview) };
    } catch (e) {
      if (!(e instanceof NeedsDocumentError)) throw e;
      const d = await decodeImage(blob, name);
      await this.request('photo-bitmap', { photoId, bitmap: await createImageBitmap(d.bitmap) }).catch(() => {});
      this.sources.set(photoId, { source: { bitmap: d.bitmap }, generation: this.rpc.generation });
      return { width: d.bitmap.width, height: d.bitmap.height, previewUrl: d.previewUrl };
    }
  }

  /** A photo the worker no longer needs. */
  drop(photoId: string): void {
    const s = this.sources.get(photoId);
    if (!s) return;
    this.sources.delete(photoId);
    if ('bitmap' in s.source) s.source.bitmap.close();
    if (this.rpc.running && s.generation === this.rpc.generation) void this.request('drop', { photoId }).catch(() => {});
  }

  /** Sends a photo again when the worker that held it has stopped. */
  private async held(photoId: string): Promise<void> {
    const s = this.sources.get(photoId);
    if (!s) throw new Error('Pick a photo first.');
    if (this.rpc.running && s.generation === this.rpc.generation) return;
    if ('blob' in s.source) await this.request('photo', { photoId, blob: s.source.blob, name: s.source.name });
    else {
      const copy = await createImageBitmap(s.source.bitmap);
      await this.request('photo-bitmap', { photoId, bitmap: copy }, [copy]);
    }
    s.generation = this.rpc.generation;
  }

  /** Runs a request about a kept photo, sending the photo again if the worker has let it go. */
  private async withPhoto<T>(photoId: string, run: () => Promise<T>): Promise<T> {
    await this.held(photoId);
    try {
      return await run();
    } catch (e) {
      const s = this.sources.get(photoId);
      if (!(e instanceof Error && e.name === 'PhotoGoneError') || !s) throw e;
      s.generation = -1;
      await this.held(photoId);
      return run();
    }
  }

  /** A copy of the photo for the engine worker (made in the paint worker). */
  copy(photoId: string): Promise<ImageBitmap> {
    return this.withPhoto(photoId, () => this.request('copy', { photoId }));
  }

  maps(p: MapsPaint): Promise<Result<PaintMethods, 'maps'>> {
    return this.request('maps', p);
  }

  gradcam(p: CamPaint): Promise<Result<PaintMethods, 'gradcam'>> {
    return this.withPhoto(p.photoId, () => this.request('gradcam', p));
  }
}

/** The decoder's own errors, as the page's classes (the probe's messages tell them apart). */
function toError(e: unknown): unknown {
  if (!(e instanceof WorkerError)) return e;
  if (e.name === 'BadImageError') return new BadImageError(e.message);
  if (e.name === 'NeedsDocumentError') return new NeedsDocumentError(e.message);
  return e;
}

/** The page's one painter (the three probe figures share it and its photo). */
export const painter = new Painter();

/** Device pixels per CSS pixel for painted maps (at most 2). */
export const paintDpr = (): number => Math.min(2, globalThis.devicePixelRatio || 1);

/**
 * Puts a painted ImageBitmap on a canvas as it is ('bitmaprenderer': no copy, no pixel touched on
 * this thread), shown at cssWidth × cssHeight CSS pixels.
 */
function showBitmap(canvas: HTMLCanvasElement, bitmap: ImageBitmap, cssWidth: number, cssHeight: number): void {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('bitmaprenderer');
  if (ctx) ctx.transferFromImageBitmap(bitmap);
  else bitmap.close();
}

/** One latest-wins lane per canvas. */
const lanes = new WeakMap<HTMLCanvasElement, LatestWins>();

/**
 * Shows the picture `paint` resolves to on `canvas`, unless a later paint for the same canvas was
 * asked for meanwhile or the canvas has left the page (latest wins); true when it was shown. The
 * canvas's `data-shows` then names what it shows (`shows`: the data, never the size).
 */
export async function paintInto(
  canvas: HTMLCanvasElement,
  shows: string,
  paint: Promise<{ bitmap: ImageBitmap; cssWidth: number; cssHeight: number }>,
): Promise<boolean> {
  let lane = lanes.get(canvas);
  if (!lane) lanes.set(canvas, (lane = new LatestWins()));
  let r: Awaited<typeof paint>;
  try {
    r = await lane.run(() => paint);
  } catch (e) {
    if (!isAborted(e)) throw e;
    void paint.then(
      (late) => late.bitmap.close(),
      () => {},
    ); // superseded: its picture is never shown
    return false;
  }
  if (!canvas.isConnected) {
    r.bitmap.close();
    return false;
  }
  showBitmap(canvas, r.bitmap, r.cssWidth, r.cssHeight);
  canvas.dataset['shows'] = shows;
  return true;
}
