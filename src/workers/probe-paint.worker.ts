// The ResNet-50 probe's paint worker: decodes the reader's photo once (from its bytes, off the page's
// main thread), keeps it, hands the engine worker copies, and paints the figures' maps and Grad-CAM
// into ImageBitmaps (src/lib/probe/paint.ts). Methods: src/lib/probe/paint-methods.ts. No tfjs here.
import { decodeBitmap } from '../components/shared/decode-image';
import { paintCam, paintMaps } from '../lib/probe/paint';
import type { PaintMethods } from '../lib/probe/paint-methods';
import { serve, type PortLike } from '../lib/worker-rpc/serve';

/** Photos kept: the one shown and those being picked (the page drops the ones it no longer needs). */
const KEEP = 4;
const photos = new Map<string, ImageBitmap>();

function keep(photoId: string, bitmap: ImageBitmap): void {
  photos.get(photoId)?.close();
  photos.delete(photoId);
  photos.set(photoId, bitmap);
  while (photos.size > KEEP) {
    const [oldest, b] = photos.entries().next().value as [string, ImageBitmap];
    b.close();
    photos.delete(oldest);
  }
}

function photo(photoId: string): ImageBitmap {
  const b = photos.get(photoId);
  if (!b) throw Object.assign(new Error(`the photo "${photoId}" is no longer held by the paint worker`), { name: 'PhotoGoneError' });
  return b;
}

serve<PaintMethods>(self as unknown as PortLike, {
  photo: async ({ photoId, blob, name }) => {
    const d = await decodeBitmap(blob, name);
    keep(photoId, d.bitmap);
    return { width: d.bitmap.width, height: d.bitmap.height, originalWidth: d.width, originalHeight: d.height, preview: d.preview };
  },
  'photo-bitmap': ({ photoId, bitmap }) => {
    keep(photoId, bitmap);
    return { width: bitmap.width, height: bitmap.height };
  },
  copy: async ({ photoId }, ctx) => {
    const copy = await createImageBitmap(photo(photoId));
    ctx.transfer(copy);
    return copy;
  },
  drop: ({ photoId }) => {
    photos.get(photoId)?.close();
    photos.delete(photoId);
    return null;
  },
  maps: (req, ctx) => {
    const r = paintMaps(req);
    ctx.transfer(r.bitmap);
    return r;
  },
  gradcam: (req, ctx) => {
    const r = paintCam(photo(req.photoId), req);
    ctx.transfer(r.bitmap);
    return r;
  },
});
