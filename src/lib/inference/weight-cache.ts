// Verified model files kept in the browser's Cache Storage, keyed by their SHA-256 from models.lock.json,
// so a revisit reads them from disk instead of the network, from whatever host they first came, also
// offline. Nothing is trusted because it is cached: every read is hashed again, and a copy that fails
// (damaged on disk, or written by a broken build) is dropped and reported as a miss, so the loader
// fetches it again. A newer lock names new digests, so an older build's files are never matched.
// Only files that passed their check are stored. A full quota (or a browser without Cache Storage)
// never fails a load: the file is used from the network and the load says why it was not kept.
import { sha256Hex } from './integrity';

/** The slice of the DOM's CacheStorage this module uses (tests pass a fake one). */
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
  delete(name: string): Promise<boolean>;
}

export interface CacheLike {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
  keys(): Promise<readonly { url: string }[]>;
}

/** The Cache Storage cache that holds the site's model files (one per origin, shared by every page). */
const WEIGHT_CACHE_NAME = 'model-files-sha256';

/** The key of a file with this digest: a URL (Cache Storage keys are http(s) requests) no host answers. */
const keyOf = (sha256: string) => `https://model-files.invalid/sha256/${sha256.toLowerCase()}`;

/** What a store attempt did: kept, or not kept and why (a sentence for the reader). */
/** The loader's note while it reads files from this cache instead of downloading them (the page words its status by it). */
export const SAVED_COPY_NOTE = 'reading the copy saved on this device';

export type StoreResult = { kept: true } | { kept: false; why: string };

export class WeightCache {
  constructor(
    private readonly storage: CacheStorageLike | undefined,
    private readonly name = WEIGHT_CACHE_NAME,
  ) {}

  /** The page's or worker's Cache Storage, when this context has one (secure contexts only). */
  static fromGlobal(): WeightCache {
    const storage = (globalThis as { caches?: CacheStorageLike }).caches;
    return new WeightCache(storage);
  }

  /**
   * Opens the cache once, ahead of the first lookup, and forgets it: the first open in a browsing
   * session reads the store from disk (80 ms seen on a fresh profile), and a first download waits for
   * that lookup before it is asked of the network. Later opens are quick. Not kept open, so a cache
   * another tab clears meanwhile is opened anew. Never throws.
   */
  warm(): void {
    void this.open();
  }

  private async open(): Promise<CacheLike | null> {
    if (!this.storage) return null;
    try {
      return await this.storage.open(this.name);
    } catch {
      return null; // storage blocked (private mode, a policy): behave as an empty cache
    }
  }

  /** The bytes of the file with this SHA-256, or null when absent or failing its check (then dropped). */
  async get(sha256: string): Promise<Uint8Array | null> {
    const cache = await this.open();
    if (!cache) return null;
    const key = keyOf(sha256);
    try {
      const res = await cache.match(key);
      if (!res) return null;
      // A copy: in WebKitGTK 2.50 a model built from the buffer Cache Storage hands out answered
      // garbage ("digital clock" for every photo) although its bytes hashed right; from a copy it is right.
      const bytes = new Uint8Array(await res.arrayBuffer()).slice();
      if ((await sha256Hex(bytes)) === sha256.toLowerCase()) return bytes;
    } catch {
      // unreadable entry: drop it like a damaged one
    }
    await cache.delete(key).catch(() => false);
    return null;
  }

  /** Keeps verified bytes under their SHA-256; never throws. */
  async put(sha256: string, bytes: Uint8Array): Promise<StoreResult> {
    const cache = await this.open();
    if (!cache) return { kept: false, why: 'this browser offers no storage for it here' };
    try {
      const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      await cache.put(keyOf(sha256), new Response(body, { headers: { 'Content-Length': String(bytes.length) } }));
      return { kept: true };
    } catch (e) {
      const quota = (e as { name?: string }).name === 'QuotaExceededError';
      return { kept: false, why: quota ? "your browser's storage for this site is full" : `storing it failed (${(e as Error).message})` };
    }
  }

  /** How many files and bytes the cache holds. */
  async usage(): Promise<{ files: number; bytes: number }> {
    const cache = await this.open();
    if (!cache) return { files: 0, bytes: 0 };
    let bytes = 0;
    const keys = await cache.keys();
    for (const k of keys) {
      const res = await cache.match(k.url);
      const stated = Number(res?.headers.get('Content-Length'));
      bytes += Number.isFinite(stated) && stated > 0 ? stated : res ? (await res.blob()).size : 0;
    }
    return { files: keys.length, bytes };
  }

  /** Deletes the files whose digest `keep` does not list (an older build's), so they take no space. */
  async prune(keep: ReadonlySet<string>): Promise<number> {
    const cache = await this.open();
    if (!cache) return 0;
    let dropped = 0;
    for (const k of await cache.keys()) {
      const digest = k.url.slice(k.url.lastIndexOf('/') + 1);
      if (!keep.has(digest) && (await cache.delete(k.url))) dropped++;
    }
    return dropped;
  }

  /** Deletes every kept file. */
  async clear(): Promise<void> {
    await this.storage?.delete(this.name).catch(() => false);
  }
}
