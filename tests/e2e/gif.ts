// A tiny animated GIF encoder for tests: 4-colour frames, LZW with a clear code every two pixels so
// the code width stays at 3 bits (valid for every decoder, if not compact).

const PALETTE = [
  [200, 30, 30],
  [30, 30, 200],
  [30, 160, 30],
  [240, 240, 240],
] as const;

function lzw(pixels: readonly number[]): number[] {
  const codes: number[] = [];
  for (let i = 0; i < pixels.length; i += 2) {
    codes.push(4, pixels[i]!);
    if (i + 1 < pixels.length) codes.push(pixels[i + 1]!);
  }
  codes.push(5);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of codes) {
    acc |= c << bits;
    bits += 3;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) bytes.push(acc & 0xff);
  const out: number[] = [2]; // LZW minimum code size
  for (let i = 0; i < bytes.length; i += 255) {
    const block = bytes.slice(i, i + 255);
    out.push(block.length, ...block);
  }
  out.push(0);
  return out;
}

/** An animated GIF of `side` × `side` px whose frames are filled with the given palette indices. */
export function animatedGif(side: number, frames: readonly number[]): Buffer {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const out: number[] = [...Buffer.from('GIF89a'), ...u16(side), ...u16(side), 0xf1, 0, 0, ...PALETTE.flat()];
  out.push(0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0); // loop forever
  for (const colour of frames) {
    out.push(0x21, 0xf9, 4, 0, ...u16(20), 0, 0); // 0.2 s per frame
    out.push(0x2c, 0, 0, 0, 0, ...u16(side), ...u16(side), 0);
    out.push(...lzw(Array.from({ length: side * side }, () => colour)));
  }
  out.push(0x3b);
  return Buffer.from(out);
}
