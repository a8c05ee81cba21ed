// The ResNet-50 probe's paint worker: decodes the reader's photo once (from its bytes, off the page's
// main thread), keeps it, hands the engine worker copies, and paints the figures' maps and Grad-CAM
// into ImageBitmaps (src/lib/probe/paint.ts). Messages: src/lib/probe/paint-protocol.ts. No tfjs here.
import { decodeBitmap } from '../components/classifier/decode-image';
import { paintCam, paintMaps } from '../lib/probe/paint';
import type { PaintReply, PaintRequest, PaintResults } from '../lib/probe/paint-protocol';

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

async function run(req: PaintRequest): Promise<{ value: PaintResults[PaintRequest['type']]; transfer: Transferable[] }> {
  switch (req.type) {
    case 'photo': {
      const d = await decodeBitmap(req.blob, req.name);
      keep(req.photoId, d.bitmap);
      return { value: { width: d.bitmap.width, height: d.bitmap.height, originalWidth: d.width, originalHeight: d.height, preview: d.preview }, transfer: [] };
    }
    case 'photo-bitmap':
      keep(req.photoId, req.bitmap);
      return { value: { width: req.bitmap.width, height: req.bitmap.height }, transfer: [] };
    case 'copy': {
      const copy = await createImageBitmap(photo(req.photoId));
      return { value: copy, transfer: [copy] };
    }
    case 'drop':
      photos.get(req.photoId)?.close();
      photos.delete(req.photoId);
      return { value: null, transfer: [] };
    case 'maps': {
      const r = paintMaps(req);
      return { value: r, transfer: [r.bitmap] };
    }
    case 'gradcam': {
      const r = paintCam(photo(req.photoId), req);
      return { value: r, transfer: [r.bitmap] };
    }
  }
}

self.addEventListener('message', (e: MessageEvent<{ id: number; req: PaintRequest }>) => {
  const { id, req } = e.data;
  run(req).then(
    ({ value, transfer }) => self.postMessage({ id, ok: true, value } satisfies PaintReply, { transfer }),
    (err: unknown) => {
      const { name, message } = err instanceof Error ? err : { name: 'Error', message: String(err) };
      self.postMessage({ id, ok: false, error: { name, message } } satisfies PaintReply);
    },
  );
});
