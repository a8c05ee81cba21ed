// The session's cache of probe-layer answers: per image (dropped with it), least recently used first
// out once the maps held pass a byte budget. A walk through ResNet-50's 175 steps with 16 maps each
// would otherwise keep about 20 MB per image in the worker (conv1 alone: 16 × 112 × 112 floats).
import type { ProbeLayer } from './protocol';

/** Default budget for all images together. */
export const PROBE_CACHE_BYTES = 48e6;

const bytesOf = (r: ProbeLayer): number => r.maps.reduce((n, m) => n + m.byteLength, 0);

export class ProbeCache {
  /** Insertion order is use order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, { imageId: string; value: ProbeLayer; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budget = PROBE_CACHE_BYTES) {}

  private static key(imageId: string, rest: string): string {
    return `${imageId}\u0000${rest}`;
  }

  get(imageId: string, rest: string): ProbeLayer | undefined {
    const k = ProbeCache.key(imageId, rest);
    const e = this.entries.get(k);
    if (!e) return undefined;
    this.entries.delete(k);
    this.entries.set(k, e);
    return e.value;
  }

  /** Without counting as a use. */
  has(imageId: string, rest: string): boolean {
    return this.entries.has(ProbeCache.key(imageId, rest));
  }

  set(imageId: string, rest: string, value: ProbeLayer): void {
    const k = ProbeCache.key(imageId, rest);
    this.delete(k);
    const bytes = bytesOf(value);
    this.entries.set(k, { imageId, value, bytes });
    this.bytes += bytes;
    for (const [old] of this.entries) {
      if (this.bytes <= this.budget || old === k) break;
      this.delete(old);
    }
  }

  private delete(k: string): void {
    const e = this.entries.get(k);
    if (!e) return;
    this.bytes -= e.bytes;
    this.entries.delete(k);
  }

  dropImage(imageId: string): void {
    for (const [k, e] of [...this.entries]) if (e.imageId === imageId) this.delete(k);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }
}
