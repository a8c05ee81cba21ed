// The photo as the network sees it (the whole image, resized), with the Grad-CAM map upsampled
// bilinearly over it: transparent where the class has no evidence, warm and opaque where it has the
// most. The probe's paint worker paints it over its own copy of the photo (src/lib/probe/paint.ts); the
// page only sizes the canvas and shows the ImageBitmap that comes back.
import { interpolateInferno } from 'd3';
import type { GradCam } from '../../lib/probe/types';
import { camSize, INFERNO_FROM } from '../../lib/probe/heatmap';
import { painter, paintInto } from './paint-client';
import type { ProbePhoto } from './probe-state.svelte';

export const INFERNO_CSS = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateInferno(INFERNO_FROM + (1 - INFERNO_FROM) * t)).join(', ')})`;

/** Paints Grad-CAM over the photo in the worker and shows it on `canvas`; true when shown. */
export function drawGradCam(canvas: HTMLCanvasElement, photo: ProbePhoto, cam: GradCam, maxWidth: number): Promise<boolean> {
  const size = camSize(photo.width, photo.height, maxWidth);
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  const paint = painter
    .gradcam({ photoId: photo.id, map: cam.map, h: cam.h, w: cam.w, peak: cam.max, maxWidth })
    .then((r) => ({ bitmap: r.bitmap, cssWidth: r.width, cssHeight: r.height }));
  return paintInto(canvas, `${photo.id}|${cam.layer}|class ${cam.classIndex}`, paint);
}
