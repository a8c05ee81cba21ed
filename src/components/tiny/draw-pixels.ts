// Paints a 28×28 uint8 image (bright on black, as Fashion-MNIST) into a canvas of the same size;
// CSS scales it up with `image-rendering: pixelated`.
import { GRID } from '../../lib/tiny/drawing';

export function drawPixels(canvas: HTMLCanvasElement, pixels: Uint8Array, cursor?: { x: number; y: number } | null): void {
  canvas.width = GRID;
  canvas.height = GRID;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(GRID, GRID);
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    img.data[4 * i] = v;
    img.data[4 * i + 1] = v;
    img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  if (cursor) {
    // The keyboard pen: an outlined pixel, orange so it shows on black and on white ink.
    ctx.strokeStyle = '#ff9e3d';
    ctx.lineWidth = 0.25;
    ctx.strokeRect(cursor.x + 0.125, cursor.y + 0.125, 0.75, 0.75);
  }
}
