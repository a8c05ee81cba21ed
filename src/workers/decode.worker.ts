// Decodes the reader's photo off the page's main thread: the byte checks, the decode and the downscale
// to the working size (a phone's 12-megapixel JPEG takes tens of milliseconds of main-thread work
// otherwise). The working copy comes back transferred, with the preview to show. No tfjs here.
import { decodeBitmap, type DecodeMethods } from '../components/shared/decode-image';
import { serve, type PortLike } from '../lib/worker-rpc/serve';

serve<DecodeMethods>(self as unknown as PortLike, {
  decode: async ({ blob, name }, ctx) => {
    const d = await decodeBitmap(blob, name);
    ctx.transfer(d.bitmap);
    return d;
  },
});
