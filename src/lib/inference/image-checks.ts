// Checks on the bytes of a file a reader hands the classifier, before any decoder sees it: what kind of
// file it really is (by its first bytes, not its name), whether a PNG/JPEG is complete (a decoder
// happily shows half a photo), and, for the formats that state it early, how big the image claims to be,
// so that a 20000 × 20000 pixel bomb is refused before it is decoded. What the decoder reports anyway
// (the size of the other formats) is checked from the decoded bitmap. Pure: bytes in, verdicts out.
import { formatFixed, formatInt } from '../format';

export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'svg' | 'avif';

/** Largest image we decode: 40 megapixels and 16384 px a side (a browser canvas limit). */
const MAX_PIXELS = 40_000_000;
const MAX_SIDE = 16_384;
/** Smallest side we classify: below this there is nothing for a 224 px network to see. */
const MIN_SIDE = 16;
/** Largest file we read at all. */
const MAX_BYTES = 50 * 1024 * 1024;
/** Images are downscaled so that their longer side is at most this before preprocessing. */
const WORKING_SIDE = 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** The kind of image the bytes hold, or null when they are not an image we accept. */
export function sniffImage(head: Uint8Array): ImageKind | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(head, [0x42, 0x4d])) return 'bmp';
  // ISO base media file with an AVIF brand ("ftypavif" / "ftypavis" at byte 4).
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4) && /^avi[fs]$/.test(new TextDecoder().decode(head.subarray(8, 12)))) return 'avif';
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'svg';
  return null;
}

/** Words describeNonImage uses for binary data it cannot name: the browser may still decode it. */
export const UNKNOWN_FORMAT = 'not an image format we know';

/** A short description of what a non-image file seems to be, for the message. */
export function describeNonImage(head: Uint8Array): string {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'a PDF';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an Office document)';
  const sample = head.subarray(0, 512);
  const printable = sample.filter((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 128).length;
  if (printable / sample.length > 0.95) return /^\s*</.test(new TextDecoder().decode(sample)) ? 'an HTML or XML text file' : 'a text file';
  return UNKNOWN_FORMAT;
}

/**
 * Width and height from the header of a PNG, GIF or JPEG, the formats a phone or a pixel bomb usually
 * comes in, so those are refused before any decoder allocates their pixels. For the others (WebP, BMP,
 * AVIF) the decoder tells: createImageBitmap's size is checked right after decoding (sizeProblem).
 */
export function readDimensions(bytes: Uint8Array, kind: ImageKind): { width: number; height: number } | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (kind === 'png' && bytes.length >= 24) return { width: dv.getUint32(16), height: dv.getUint32(20) };
    if (kind === 'gif' && bytes.length >= 10) return { width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
    if (kind === 'jpeg') {
      // Walk the markers to the first SOFn frame header.
      let off = 2;
      while (off + 9 < bytes.length) {
        if (bytes[off] !== 0xff) return null;
        const marker = bytes[off + 1]!;
        if (marker === 0xff) {
          off++;
          continue;
        }
        const len = dv.getUint16(off + 2);
        const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isSof) return { width: dv.getUint16(off + 7), height: dv.getUint16(off + 5) };
        off += 2 + len;
      }
    }
  } catch {
    return null;
  }
  return null;
}

/** Whether a PNG or JPEG file ends as complete files do (IEND chunk, EOI marker); others: true. */
function looksComplete(bytes: Uint8Array, kind: ImageKind): boolean {
  if (kind === 'png') {
    const iend = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
    return bytes.length >= 20 && startsWith(bytes, iend, bytes.length - 8);
  }
  if (kind === 'jpeg') {
    // Some writers pad after the end-of-image marker: look for FFD9 in the last bytes.
    const tail = bytes.subarray(Math.max(0, bytes.length - 64));
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
    return false;
  }
  return true;
}

export type ImageVerdict = { ok: true; kind: ImageKind; width: number | null; height: number | null } | { ok: false; message: string };

const KIND_NAMES: Record<ImageKind, string> = { jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', bmp: 'BMP', svg: 'SVG', avif: 'AVIF' };

/** Every check before decoding, with the message the reader sees when one fails. */
export function checkImageBytes(bytes: Uint8Array, fileName = 'This file'): ImageVerdict {
  const name = `“${fileName}”`;
  if (bytes.length === 0) return { ok: false, message: `${name} is empty (0 bytes). Choose a photo instead.` };
  if (bytes.length > MAX_BYTES) {
    return {
      ok: false,
      message: `${name} is ${formatFixed(bytes.length / 1048576, 0)} MB; the limit is ${MAX_BYTES / 1048576} MB. Try a smaller copy of the photo.`,
    };
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    return {
      ok: false,
      message: `${name} is not an image: it looks like ${describeNonImage(bytes)}. Choose a JPEG, PNG, GIF, WebP or BMP photo.`,
    };
  }
  if (!looksComplete(bytes, kind)) {
    return {
      ok: false,
      message: `${name} is an incomplete ${KIND_NAMES[kind]}: the file ends early (a cut-off download or copy?). Try the original file.`,
    };
  }
  const dims = kind === 'svg' ? null : readDimensions(bytes, kind);
  if (dims) {
    const problem = sizeProblem(dims.width, dims.height);
    if (problem) return { ok: false, message: `${name}: ${problem}` };
  }
  return { ok: true, kind, width: dims?.width ?? null, height: dims?.height ?? null };
}

/** Null when the size is fine, else why not (also used after decoding, when the header did not say). */
export function sizeProblem(width: number, height: number): string | null {
  if (width < MIN_SIDE || height < MIN_SIDE) {
    return `the image is ${width} × ${height} pixels, too small to classify: at least ${MIN_SIDE} × ${MIN_SIDE} is needed.`;
  }
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    return `the image is ${formatInt(width)} × ${formatInt(height)} pixels, more than this page will decode (at most ${formatInt(MAX_SIDE)} pixels a side and ${MAX_PIXELS / 1e6} megapixels). Try a smaller copy.`;
  }
  return null;
}

/** Target size for the working copy: longer side at most WORKING_SIDE, aspect kept. */
export function workingSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, WORKING_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
