// Turns a File/Blob from the reader (upload, drop, paste) into a decoded, size-limited image, with the
// checks of src/lib/inference/image-checks.ts before any decoder runs. SVG is rasterised through an
// <img> element, where scripts never run. Nothing is uploaded: all of this happens in the page.
import { checkImageBytes, sizeProblem, workingSize } from '../../lib/inference/image-checks';

export class BadImageError extends Error {}

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

export async function decodeImage(blob: Blob, name = 'This file'): Promise<DecodedImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const verdict = checkImageBytes(bytes, name);
  if (!verdict.ok) throw new BadImageError(verdict.message);
  const typed = new Blob([bytes], { type: `image/${verdict.kind === 'svg' ? 'svg+xml' : verdict.kind}` });
  let bitmap: ImageBitmap;
  if (verdict.kind === 'svg') {
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
  return { bitmap, width: verdict.width ?? bitmap.width, height: verdict.height ?? bitmap.height, previewUrl: URL.createObjectURL(typed) };
}
