// Decodes the reader's photo off the page's main thread: the byte checks, the decode and the downscale
// to the working size (a phone's 12-megapixel JPEG takes tens of milliseconds of main-thread work
// otherwise). The working copy comes back transferred, with the preview to show. No tfjs here.
import { decodeBitmap } from '../components/classifier/decode-image';

addEventListener('message', (e: MessageEvent<{ id: number; blob: Blob; name: string }>) => {
  const { id, blob, name } = e.data;
  decodeBitmap(blob, name).then(
    (d) => postMessage({ id, ok: true, value: d }, { transfer: [d.bitmap] }),
    (err: unknown) => {
      const { name: kind, message } = err instanceof Error ? err : { name: 'Error', message: String(err) };
      postMessage({ id, ok: false, error: { name: kind, message } });
    },
  );
});
