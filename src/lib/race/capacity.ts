/**
 * Can this device hold the race? Compares the memory estimate with what the browser reports
 * (`navigator.deviceMemory`, in GiB, rounded and capped by the browser, absent in some) and with the
 * backend's own limits (the wasm heap's 4 GiB address space, WebGL's largest texture). When the
 * answer is no, the message says how much is needed and why, politely.
 */
import type { MemoryEstimate } from './memory';
import { formatBytes } from '../format';

const GIB = 2 ** 30;

/** A tab should not take more than this share of the memory the device reports. */
const DEVICE_MEMORY_SHARE = 0.5;

export interface BackendLimits {
  /** Most bytes the backend can hold at once (wasm: 4 GiB of linear memory). */
  readonly maxTotalBytes?: number | undefined;
  /** Largest single tensor (WebGL: the biggest texture it can allocate). */
  readonly maxTensorBytes?: number | undefined;
}

export interface DeviceReport {
  /** `navigator.deviceMemory` where the browser has it (GiB), else undefined. */
  readonly deviceMemoryGiB?: number | undefined;
  readonly backend: string;
  readonly limits: BackendLimits;
}

export type CapacityVerdict =
  | { readonly ok: true; readonly needBytes: number; readonly budgetBytes: number | null }
  | { readonly ok: false; readonly needBytes: number; readonly budgetBytes: number; readonly message: string };

/** The wasm backend addresses at most 4 GiB (32-bit pointers). */
export const WASM_MAX_BYTES = 4 * GIB;

/** A float32 RGBA texture of side `maxTextureSize` holds this many bytes (tfjs packs 4 values a texel). */
export const webglMaxTensorBytes = (maxTextureSize: number): number => maxTextureSize * maxTextureSize * 4 * 4;

export function backendLimits(backend: string, webglMaxTextureSize?: number): BackendLimits {
  if (backend === 'wasm') return { maxTotalBytes: WASM_MAX_BYTES };
  if (backend === 'webgl' && webglMaxTextureSize) return { maxTensorBytes: webglMaxTensorBytes(webglMaxTextureSize) };
  return {};
}

export function checkCapacity(estimate: MemoryEstimate, device: DeviceReport): CapacityVerdict {
  const need = estimate.totalBytes;
  const refuse = (budgetBytes: number, why: string): CapacityVerdict => ({
    ok: false,
    needBytes: need,
    budgetBytes,
    message: `Sorry: this race needs about ${formatBytes(need)} of memory, and ${why}. Try a smaller input size, or another device.`,
  });
  const { maxTotalBytes, maxTensorBytes } = device.limits;
  if (maxTotalBytes !== undefined && need > maxTotalBytes) {
    return refuse(maxTotalBytes, `the ${device.backend} backend can hold at most ${formatBytes(maxTotalBytes)}`);
  }
  if (maxTensorBytes !== undefined && estimate.largestLayerBytes > maxTensorBytes) {
    return refuse(
      maxTensorBytes,
      `its largest layer (${estimate.largestLayerId}, ${formatBytes(estimate.largestLayerBytes)}) is bigger than the ${formatBytes(maxTensorBytes)} the ${device.backend} backend can store in one tensor`,
    );
  }
  const gib = device.deviceMemoryGiB;
  if (gib !== undefined && Number.isFinite(gib) && gib > 0) {
    const budget = gib * GIB * DEVICE_MEMORY_SHARE;
    if (need > budget) {
      return refuse(budget, `your browser reports about ${gib} GB of device memory (we use at most half of it, ${formatBytes(budget)})`);
    }
    return { ok: true, needBytes: need, budgetBytes: budget };
  }
  return { ok: true, needBytes: need, budgetBytes: null };
}
