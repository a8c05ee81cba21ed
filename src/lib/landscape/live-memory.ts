/**
 * Memory for the live landscape before it starts: the lab's worker already holds both nets and their
 * momentum; mapping one net at a time adds a saved copy of its weights, two filter-normalised
 * directions and the perturbed weights, the forward pass of one chunk of images (every layer's output
 * is kept until the chunk's loss is read: an upper bound) and the images themselves. The budget is the
 * backend's own limit (the wasm heap's 4 GiB) and, where the browser reports it, half of the device's
 * memory, as for the race (src/lib/race/capacity.ts). Too little gets a polite message, never a start.
 */
import { analyze, BYTES_PER_FLOAT32, type ArchSpec, type Shape } from '../arch';
import { backendLimits, type DeviceReport } from '../race/capacity';
import { formatBytes } from '../format';

/** Images a forward pass takes at once (the grid's loss is the mean over all chunks). */
export const LANDSCAPE_CHUNK = 64;

/** Copies of the weights held while one net is mapped: the saved weights, two directions, the perturbed ones. */
const WEIGHT_COPIES = 4;
/** Weights and momentum of each net the lab keeps between steps. */
const HELD_COPIES = 2;
/** Batch norm and ReLU keep a second copy of a layer's output inside one forward pass. */
const ACTIVATION_FACTOR = 2;
const GIB = 2 ** 30;
const DEVICE_MEMORY_SHARE = 0.5;

export interface LandscapeMemory {
  readonly bytes: number;
  /** What the lab holds already (both nets and their momentum). */
  readonly heldBytes: number;
  /** The peak the map adds on top (the larger net's). */
  readonly mapBytes: number;
}

export function estimateLandscapeMemory(specs: readonly ArchSpec[], input: Shape, images: number): LandscapeMemory {
  const chunk = Math.min(images, LANDSCAPE_CHUNK);
  const inputBytes = images * (input.h * input.w * input.c + 1) * BYTES_PER_FLOAT32;
  let heldBytes = 0;
  let peak = 0;
  for (const spec of specs) {
    const a = analyze(spec, input);
    const weights = a.totals.params * BYTES_PER_FLOAT32;
    heldBytes += HELD_COPIES * weights;
    peak = Math.max(peak, WEIGHT_COPIES * weights + ACTIVATION_FACTOR * a.totals.activationBytes * chunk);
  }
  const mapBytes = peak + inputBytes;
  return { bytes: heldBytes + mapBytes, heldBytes, mapBytes };
}

export type LandscapeFit = { readonly ok: true; readonly budgetBytes: number | null } | { readonly ok: false; readonly message: string };

/** Whether the map fits the backend and the device; the message says how much is needed and why not. */
export function checkLandscapeMemory(m: LandscapeMemory, device: DeviceReport): LandscapeFit {
  const refuse = (why: string): LandscapeFit => ({
    ok: false,
    message: `Not started: mapping these nets' landscape needs about ${formatBytes(m.bytes)} of memory, and ${why}. Use fewer images or smaller nets, or another device.`,
  });
  const max = device.limits.maxTotalBytes;
  if (max !== undefined && m.bytes > max) return refuse(`the ${device.backend} backend can hold at most ${formatBytes(max)}`);
  const gib = device.deviceMemoryGiB;
  if (gib !== undefined && Number.isFinite(gib) && gib > 0) {
    const budget = gib * GIB * DEVICE_MEMORY_SHARE;
    if (m.bytes > budget)
      return refuse(`your browser reports about ${gib} GB of device memory (the site uses at most half of it, ${formatBytes(budget)})`);
    return { ok: true, budgetBytes: budget };
  }
  return { ok: true, budgetBytes: max ?? null };
}

/** The device report for a backend name and `navigator.deviceMemory` (undefined where the browser has none). */
export function landscapeDevice(backend: string, deviceMemoryGiB: number | undefined): DeviceReport {
  return { backend, deviceMemoryGiB, limits: backendLimits(backend) };
}
