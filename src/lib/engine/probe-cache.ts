// The session's cache of probe-layer answers: per image (dropped with it), least recently used first
// out once the maps held pass a byte budget (lru-cache's maxSize). A walk through ResNet-50's 175 steps
// with 16 maps each would otherwise keep about 20 MB per image in the worker (conv1: 16 × 112 × 112 floats).
import { LRUCache } from 'lru-cache';
import type { ProbeLayer } from '../probe/types';

/** Default budget for all images together. */
const PROBE_CACHE_BYTES = 48e6;

const bytesOf = (r: ProbeLayer): number => r.maps.reduce((n, m) => n + m.byteLength, 0);

interface Entry {
  imageId: string;
  value: ProbeLayer;
}

export class ProbeCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(budget = PROBE_CACHE_BYTES) {
    // An answer bigger than the whole budget is not kept at all (it is recomputed when asked again).
    this.entries = new LRUCache<string, Entry>({ maxSize: budget, sizeCalculation: (e) => Math.max(1, bytesOf(e.value)) });
  }

  private static key(imageId: string, rest: string): string {
    return `${imageId}\u0000${rest}`;
  }

  get(imageId: string, rest: string): ProbeLayer | undefined {
    return this.entries.get(ProbeCache.key(imageId, rest))?.value;
  }

  /** Without counting as a use. */
  has(imageId: string, rest: string): boolean {
    return this.entries.has(ProbeCache.key(imageId, rest));
  }

  set(imageId: string, rest: string, value: ProbeLayer): void {
    this.entries.set(ProbeCache.key(imageId, rest), { imageId, value });
  }

  dropImage(imageId: string): void {
    for (const [k, e] of [...this.entries.entries()]) if (e.imageId === imageId) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get heldBytes(): number {
    return this.entries.calculatedSize;
  }
}
