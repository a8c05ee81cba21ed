// Turns a File/Blob from the reader (upload, drop, paste) into a decoded, size-limited image, with the
// checks of src/lib/inference/image-checks.ts before any decoder runs. SVG is rasterised through an
// <img> element, where scripts never run. Nothing is uploaded: all of this happens in the browser.
// `decodeBitmap` runs in a window or a worker (the ResNet-50 probe decodes in its paint worker, off the
// main thread); only an SVG needs a document, and a worker is told so with NeedsDocumentError.
import { checkImageBytes, describeNonImage, sizeProblem, sniffImage, UNKNOWN_FORMAT, workingSize } from '../../lib/inference/image-checks';
import { RpcClient, WorkerCrashedError, WorkerError, type WorkerLike } from '../../lib/worker-rpc';

export class BadImageError extends Error {
  override readonly name = 'BadImageError';
}

/** An SVG met outside a document (a worker): only a document can draw it. */
export class NeedsDocumentError extends Error {
  override readonly name = 'NeedsDocumentError';
}

export interface DecodedImage {
  bitmap: ImageBitmap;
  /** Original size, before the working copy was downscaled. */
  width: number;
  height: number;
  /** An object URL for the preview; revoke when done. */
  previewUrl: string;
}

async function decodeSvg(blob: Blob, name: string): Promise<ImageBitmap> {
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode().catch(() => {
      throw new BadImageError(`“${name}” is an SVG that could not be drawn. Choose a photo instead.`);
    });
    // An SVG without width/height has no natural size: draw it at 512 px.
    const w = img.naturalWidth || 512;
    const h = img.naturalHeight || 512;
    const { width, height } = workingSize(w, h);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new BadImageError('This browser could not give us a canvas to draw the image.');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    return await createImageBitmap(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The decoded working copy, and what to show as its preview. */
export interface DecodedBitmap {
  bitmap: ImageBitmap;
  /** Original size, before the working copy was downscaled. */
  width: number;
  height: number;
  /** The checked bytes themselves, typed; a PNG of the bitmap for an SVG or a format we do not sniff. */
  preview: Blob;
}

/**
 * In the page: the decoded image with an object URL for its preview. The work happens in a small
 * worker (src/workers/decode.worker.ts) when the browser has one, on this thread for an SVG.
 */
export async function decodeImage(blob: Blob, name = 'This file'): Promise<DecodedImage> {
  const d = (await decodeInWorker(blob, name)) ?? (await decodeBitmap(blob, name));
  return { bitmap: d.bitmap, width: d.width, height: d.height, previewUrl: URL.createObjectURL(d.preview) };
}

/** The decode worker's one method. */
export interface DecodeMethods {
  decode: { args: { blob: Blob; name: string }; result: DecodedBitmap };
}

let decoder: RpcClient<DecodeMethods> | null = null;

/** decodeBitmap in the decode worker; null when it cannot (an SVG, no module workers or OffscreenCanvas). */
async function decodeInWorker(blob: Blob, name: string): Promise<DecodedBitmap | null> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
  decoder ??= new RpcClient<DecodeMethods>({
    create: () =>
      new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' }) as unknown as WorkerLike,
  });
  try {
    return await decoder.call('decode', { blob, name });
  } catch (e) {
    // A worker that could not start or died: decode here instead. An SVG needs this document.
    if (e instanceof WorkerCrashedError || (e instanceof WorkerError && e.name === 'NeedsDocumentError')) return null;
    if (e instanceof WorkerError && e.name === 'BadImageError') throw new BadImageError(e.message);
    throw e;
  }
}

/** In a window or a worker (where an SVG throws NeedsDocumentError). */
export async function decodeBitmap(blob: Blob, name = 'This file'): Promise<DecodedBitmap> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const verdict = checkImageBytes(bytes, name);
  // Binary data we cannot name may still be a format this browser decodes (HEIC, JPEG XL…): let it try
  // before refusing. Text, PDFs, archives and empty files are refused from their bytes alone.
  if (!verdict.ok && sniffImage(bytes) === null && describeNonImage(bytes) === UNKNOWN_FORMAT) {
    const other = await decodeOther(blob, bytes, name);
    if (other) return other;
  }
  if (!verdict.ok) throw new BadImageError(verdict.message);
  const typed = new Blob([bytes], { type: `image/${verdict.kind === 'svg' ? 'svg+xml' : verdict.kind}` });
  let bitmap: ImageBitmap;
  if (verdict.kind === 'svg') {
    if (typeof document === 'undefined') throw new NeedsDocumentError(`“${name}” is an SVG: only the page can draw it`);
    bitmap = await decodeSvg(typed, name);
  } else {
    let full: ImageBitmap;
    try {
      // For a GIF this is its first frame.
      full = await createImageBitmap(typed);
    } catch {
      throw new BadImageError(`“${name}” could not be decoded: the ${verdict.kind.toUpperCase()} data is damaged. Try another file.`);
    }
    const problem = sizeProblem(full.width, full.height);
    if (problem) {
      full.close();
      throw new BadImageError(`“${name}”: ${problem}`);
    }
    const target = workingSize(full.width, full.height);
    if (target.width !== full.width) {
      bitmap = await createImageBitmap(full, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
      full.close();
    } else bitmap = full;
  }
  const problem = sizeProblem(bitmap.width, bitmap.height);
  if (problem && verdict.kind === 'svg') {
    bitmap.close();
    throw new BadImageError(`“${name}”: ${problem}`);
  }
  // The preview of an SVG is the bitmap we drew, never the SVG document itself.
  const preview = verdict.kind === 'svg' ? await bitmapPng(bitmap) : typed;
  return { bitmap, width: verdict.width ?? bitmap.width, height: verdict.height ?? bitmap.height, preview };
}

async function bitmapPng(bitmap: ImageBitmap): Promise<Blob> {
  let png: Blob | null;
  if (typeof document === 'undefined') {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    png = await canvas.convertToBlob({ type: 'image/png' }).catch(() => null);
  } else {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    png = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  }
  if (!png) throw new BadImageError('The drawn image could not be shown. Try another file.');
  return png;
}

/** A format we do not sniff but the browser may decode; null when it cannot. */
async function decodeOther(blob: Blob, bytes: Uint8Array<ArrayBuffer>, name: string): Promise<DecodedBitmap | null> {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(new Blob([bytes], { type: blob.type || 'application/octet-stream' }));
  } catch {
    return null;
  }
  const problem = sizeProblem(full.width, full.height);
  if (problem) {
    full.close();
    throw new BadImageError(`“${name}”: ${problem}`);
  }
  const { width, height } = full;
  const target = workingSize(width, height);
  let bitmap = full;
  if (target.width !== full.width) {
    bitmap = await createImageBitmap(full, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
    full.close();
  }
  return { bitmap, width, height, preview: await bitmapPng(bitmap) };
}
