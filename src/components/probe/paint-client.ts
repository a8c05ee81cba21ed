// The page's handle on the probe's paint worker (src/workers/probe-paint.worker.ts): one per page,
// started on the first photo. Photos go in as the reader's bytes (decoded there, once, for all three
// figures); pictures come back as ImageBitmaps, which `showBitmap` puts on a canvas as they are. If the
// worker stops, the next request starts a new one and the photos it held are sent again.
import { BadImageError, decodeImage, NeedsDocumentError } from '../classifier/decode-image';
import type { CamPaint, MapsPaint, PaintReply, PaintRequest, PaintResults, PaintType } from '../../lib/probe/paint-protocol';

type Source = { blob: Blob; name: string } | { bitmap: ImageBitmap };

class Painter {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  /** What each kept photo was made from, and the worker that holds it (sent again to a new worker). */
  private readonly sources = new Map<string, { source: Source; worker: Worker | null }>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../workers/probe-paint.worker.ts', import.meta.url), { type: 'module', name: 'probe-paint' });
    w.addEventListener('message', (e: MessageEvent<PaintReply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.value);
      else p.reject(toError(e.data.error));
    });
    w.addEventListener('error', (e) => {
      e.preventDefault();
      if (this.worker !== w) return;
      this.worker = null;
      w.terminate();
      const err = new Error(`the paint worker stopped (${e.message || 'an error in the worker'}); try again`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
    this.worker = w;
    return w;
  }

  private request<K extends PaintType>(req: Extract<PaintRequest, { type: K }>, transfer: Transferable[] = []): Promise<PaintResults[K]> {
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<PaintResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, req }, transfer);
    });
  }

  /**
   * Decodes the reader's file as `photoId` in the worker (an SVG, which only a document can draw, is
   * drawn here instead); the preview is an object URL to revoke when the photo goes.
   */
  async putPhoto(photoId: string, blob: Blob, name: string): Promise<{ width: number; height: number; previewUrl: string }> {
    try {
      const r = await this.request({ type: 'photo', photoId, blob, name });
      this.sources.set(photoId, { source: { blob, name }, worker: this.worker });
      return { width: r.width, height: r.height, previewUrl: URL.createObjectURL(r.preview) };
    } catch (e) {
      if (!(e instanceof NeedsDocumentError)) throw e;
      const d = await decodeImage(blob, name);
      await this.request({ type: 'photo-bitmap', photoId, bitmap: await createImageBitmap(d.bitmap) }).catch(() => {});
      this.sources.set(photoId, { source: { bitmap: d.bitmap }, worker: this.worker });
      return { width: d.bitmap.width, height: d.bitmap.height, previewUrl: d.previewUrl };
    }
  }

  /** A photo the worker no longer needs. */
  drop(photoId: string): void {
    const s = this.sources.get(photoId);
    if (!s) return;
    this.sources.delete(photoId);
    if ('bitmap' in s.source) s.source.bitmap.close();
    if (this.worker && s.worker === this.worker) void this.request({ type: 'drop', photoId }).catch(() => {});
  }

  /** Sends a photo again when the worker that held it has stopped. */
  private async held(photoId: string): Promise<void> {
    const s = this.sources.get(photoId);
    if (!s) throw new Error('Pick a photo first.');
    const w = this.ensure();
    if (s.worker === w) return;
    if ('blob' in s.source) await this.request({ type: 'photo', photoId, blob: s.source.blob, name: s.source.name });
    else {
      const copy = await createImageBitmap(s.source.bitmap);
      await this.request({ type: 'photo-bitmap', photoId, bitmap: copy }, [copy]);
    }
    s.worker = w;
  }

  /** Runs a request about a kept photo, sending the photo again if the worker has let it go. */
  private async withPhoto<T>(photoId: string, run: () => Promise<T>): Promise<T> {
    await this.held(photoId);
    try {
      return await run();
    } catch (e) {
      const s = this.sources.get(photoId);
      if (!(e instanceof Error && e.name === 'PhotoGoneError') || !s) throw e;
      s.worker = null;
      await this.held(photoId);
      return run();
    }
  }

  /** A copy of the photo for the engine worker (made in the paint worker). */
  copy(photoId: string): Promise<ImageBitmap> {
    return this.withPhoto(photoId, () => this.request({ type: 'copy', photoId }));
  }

  maps(p: MapsPaint): Promise<PaintResults['maps']> {
    return this.request({ type: 'maps', ...p });
  }

  gradcam(p: CamPaint): Promise<PaintResults['gradcam']> {
    return this.withPhoto(p.photoId, () => this.request({ type: 'gradcam', ...p }));
  }
}

function toError(e: { name: string; message: string }): Error {
  if (e.name === 'BadImageError') return new BadImageError(e.message);
  if (e.name === 'NeedsDocumentError') return new NeedsDocumentError(e.message);
  return Object.assign(new Error(e.message), { name: e.name });
}

/** The page's one painter (the three probe figures share it and its photo). */
export const painter = new Painter();

/** Device pixels per CSS pixel for painted maps (at most 2). */
export const paintDpr = (): number => Math.min(2, globalThis.devicePixelRatio || 1);

/**
 * Puts a painted ImageBitmap on a canvas as it is ('bitmaprenderer': no copy, no pixel touched on
 * this thread), shown at cssWidth × cssHeight CSS pixels.
 */
export function showBitmap(canvas: HTMLCanvasElement, bitmap: ImageBitmap, cssWidth: number, cssHeight: number): void {
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext('bitmaprenderer');
  if (ctx) ctx.transferFromImageBitmap(bitmap);
  else bitmap.close();
}

const tickets = new WeakMap<HTMLCanvasElement, number>();

/**
 * Shows the picture `paint` resolves to on `canvas`, unless a later paint for the same canvas was
 * asked for meanwhile or the canvas has left the page (latest wins); true when it was shown. The
 * canvas's `data-shows` then names what it shows (`shows`: the data, never the size).
 */
export async function paintInto(canvas: HTMLCanvasElement, shows: string, paint: Promise<{ bitmap: ImageBitmap; cssWidth: number; cssHeight: number }>): Promise<boolean> {
  const ticket = (tickets.get(canvas) ?? 0) + 1;
  tickets.set(canvas, ticket);
  const r = await paint;
  if (tickets.get(canvas) !== ticket || !canvas.isConnected) {
    r.bitmap.close();
    return false;
  }
  showBitmap(canvas, r.bitmap, r.cssWidth, r.cssHeight);
  canvas.dataset['shows'] = shows;
  return true;
}
