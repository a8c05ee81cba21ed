// The weight cache (src/lib/inference/weight-cache.ts) on a fake Cache Storage, alone and under the
// loader: files are kept by their lock digest, whatever host they came from; a damaged copy is dropped
// and fetched again; a full quota loads from the network and says so; retries say which file and try.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { SAVED_COPY_NOTE, WeightCache, type CacheLike, type CacheStorageLike } from '../../src/lib/inference/weight-cache';
import { sha256Hex } from '../../src/lib/inference/integrity';
import { loadModel } from '../../src/lib/inference/loader';
import type { NetEnv } from '../../src/lib/inference/fetch-bytes';
import { serve, tinyModelFiles } from '../helpers/tiny-model';

/** Cache Storage in memory; `quota` bytes in all (a put beyond it throws QuotaExceededError). */
class FakeStorage implements CacheStorageLike {
  readonly caches = new Map<string, Map<string, Uint8Array>>();
  constructor(private readonly quota = Infinity) {}
  used(): number {
    return [...this.caches.values()].flatMap((c) => [...c.values()]).reduce((s, b) => s + b.length, 0);
  }
  async open(name: string): Promise<CacheLike> {
    const c = this.caches.get(name) ?? new Map<string, Uint8Array>();
    this.caches.set(name, c);
    return {
      match: async (k) => {
        const b = c.get(k);
        return b ? new Response(b.slice() as Uint8Array<ArrayBuffer>, { headers: { 'Content-Length': String(b.length) } }) : undefined;
      },
      put: async (k, res) => {
        const b = new Uint8Array(await res.arrayBuffer());
        if (this.used() + b.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        c.set(k, b);
      },
      delete: async (k) => c.delete(k),
      keys: async () => [...c.keys()].map((url) => ({ url })),
    };
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('WeightCache', () => {
  test('keys on the digest: the same bytes are found by their SHA-256, another digest misses', async () => {
    const cache = new WeightCache(new FakeStorage());
    const a = bytes('weights of build 1');
    const digest = await sha256Hex(a);
    expect((await cache.put(digest, a)).kept).toBe(true);
    expect(await cache.get(digest)).toEqual(a);
    expect(await cache.get(await sha256Hex(bytes('weights of build 2')))).toBeNull();
    expect(await cache.usage()).toEqual({ files: 1, bytes: a.length });
  });

  test('a corrupted entry fails its hash, is dropped and reported as a miss', async () => {
    const storage = new FakeStorage();
    const cache = new WeightCache(storage);
    const good = bytes('the real shard');
    const digest = await sha256Hex(good);
    await cache.put(digest, good);
    const [entries] = [...storage.caches.values()];
    const [key] = [...entries!.keys()];
    entries!.set(key!, bytes('the real shard, damaged on disk'));
    expect(await cache.get(digest)).toBeNull();
    expect(await cache.usage()).toEqual({ files: 0, bytes: 0 });
  });

  test('a full quota is not an error: the put says why the file was not kept', async () => {
    const cache = new WeightCache(new FakeStorage(4));
    const r = await cache.put(await sha256Hex(bytes('too big')), bytes('too big'));
    expect(r).toEqual({ kept: false, why: "your browser's storage for this site is full" });
  });

  test('no Cache Storage (an insecure context): every get misses, every put says why', async () => {
    const cache = new WeightCache(undefined);
    expect(await cache.get('ab')).toBeNull();
    expect((await cache.put('ab', bytes('x'))).kept).toBe(false);
    expect(await cache.usage()).toEqual({ files: 0, bytes: 0 });
  });

  test("prune drops an older build's files and keeps the current lock's", async () => {
    const cache = new WeightCache(new FakeStorage());
    const [old, current] = [bytes('build 1 shard'), bytes('build 2 shard')];
    await cache.put(await sha256Hex(old), old);
    await cache.put(await sha256Hex(current), current);
    expect(await cache.prune(new Set([await sha256Hex(current)]))).toBe(1);
    expect(await cache.get(await sha256Hex(current))).toEqual(current);
    expect(await cache.usage()).toEqual({ files: 1, bytes: current.length });
  });

  test('warm opens the store ahead of the first lookup, keeps nothing open, and never throws', async () => {
    const storage = new FakeStorage();
    const opened: string[] = [];
    const open = storage.open.bind(storage);
    storage.open = (name) => (opened.push(name), open(name));
    const cache = new WeightCache(storage);
    cache.warm();
    expect(opened).toHaveLength(1);
    // A cache cleared meanwhile (another tab) is opened anew by the next lookup.
    const a = bytes('a shard');
    await cache.put(await sha256Hex(a), a);
    expect(opened).toHaveLength(2);
    const refusing: CacheStorageLike = { open: () => Promise.reject(new Error('blocked')), delete: async () => false };
    expect(() => new WeightCache(refusing).warm()).not.toThrow();
    await new Promise((r) => setTimeout(r)); // a rejection would surface here as unhandled
  });

  test('clear deletes everything', async () => {
    const cache = new WeightCache(new FakeStorage());
    const a = bytes('a shard');
    await cache.put(await sha256Hex(a), a);
    await cache.clear();
    expect(await cache.usage()).toEqual({ files: 0, bytes: 0 });
  });
});

describe('the loader with a weight cache', () => {
  let files: Record<string, Uint8Array>;
  let digests: Record<string, string>;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    files = await tinyModelFiles();
    digests = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([n, b]) => [n, await sha256Hex(b)] as const)));
  });
  const load = async (cache: WeightCache, fetchFunc: typeof fetch, url = 'http://a.test/m/model.json') => {
    const m = await loadModel(tf, [url], { fetchFunc, digests, cache });
    m.model.dispose();
    return m;
  };

  test('a second load reads every file from the cache: no request, from any host', async () => {
    const cache = new WeightCache(new FakeStorage());
    const first = serve(files);
    const a = await load(cache, first);
    expect(first.calls).toHaveLength(2);
    expect(a.cachedBytes).toBe(0);
    const offline = serve({}, 'http://nowhere.test/');
    const b = await load(cache, offline, 'http://b.test/other/model.json');
    expect(offline.calls).toEqual([]);
    expect(b.cachedBytes).toBe(files['model.json']!.length + files['group1-shard1of1.bin']!.length);
  });

  test('reading from the cache is said, so the page does not claim to download', async () => {
    const cache = new WeightCache(new FakeStorage());
    await load(cache, serve(files));
    const notes: (string | null)[] = [];
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve({}), digests, cache, onNote: (n) => notes.push(n) });
    m.model.dispose();
    expect(notes).toEqual([SAVED_COPY_NOTE]);
  });

  test('a corrupted cached shard is dropped and fetched again, then kept again', async () => {
    const storage = new FakeStorage();
    const cache = new WeightCache(storage);
    await load(cache, serve(files));
    const entries = [...storage.caches.values()][0]!;
    const shardKey = [...entries.keys()].find((k) => k.endsWith(digests['group1-shard1of1.bin']!))!;
    entries.set(shardKey, new Uint8Array(entries.get(shardKey)!.length));
    const again = serve(files);
    await load(cache, again);
    expect(again.calls).toEqual(['http://a.test/m/group1-shard1of1.bin']);
    expect(await cache.get(digests['group1-shard1of1.bin']!)).toEqual(files['group1-shard1of1.bin']);
  });

  test('a full quota: the model loads from the network and the load says why it was not kept', async () => {
    const cache = new WeightCache(new FakeStorage(files['model.json']!.length));
    const m = await load(cache, serve(files));
    expect(m.notKept).toBe("your browser's storage for this site is full");
    const again = serve(files);
    await load(cache, again);
    expect(again.calls).toEqual(['http://a.test/m/group1-shard1of1.bin']); // model.json was kept, the shard was not
  });

  test('a versioned model.json URL gives each weight file the version of its own digest', async () => {
    const f = serve(files);
    await load(new WeightCache(undefined), f, 'http://a.test/m/model.json?v=123456789abc');
    expect(f.calls).toContain(`http://a.test/m/group1-shard1of1.bin?v=${digests['group1-shard1of1.bin']!.slice(0, 12)}`);
    expect(f.calls).toHaveLength(2);
  });
});

describe('retries', () => {
  /** A network that is offline until `goOnline()`, with no real waiting. */
  function fakeNet() {
    let offline = false;
    let wake: () => void = () => {};
    const net: NetEnv = {
      offline: () => offline,
      whenOnline: () => new Promise((r) => (wake = r)),
      sleep: async () => {},
    };
    return {
      net,
      goOffline: () => (offline = true),
      goOnline: () => {
        offline = false;
        wake();
      },
    };
  }

  test('a 503 is retried with a note naming the file and the try, cleared when it arrives', async () => {
    const files = await tinyModelFiles();
    const ok = serve(files);
    let failed = false;
    const flaky: typeof fetch = async (input, init) => {
      if (String(input).endsWith('.bin') && !failed) {
        failed = true;
        return new Response('busy', { status: 503 });
      }
      return ok(input, init);
    };
    const notes: (string | null)[] = [];
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: flaky, net: fakeNet().net, onNote: (n) => notes.push(n) });
    m.model.dispose();
    expect(notes).toEqual(['retrying weight file 1 of 1, try 2 of 3', null]);
  });

  test('offline mid-download: the note says so, and the download goes on when the connection is back', async () => {
    const files = await tinyModelFiles();
    const ok = serve(files);
    const n = fakeNet();
    let dropped = false;
    const dropping: typeof fetch = async (input, init) => {
      if (String(input).endsWith('.bin') && !dropped) {
        dropped = true;
        n.goOffline();
        throw new TypeError('Failed to fetch');
      }
      return ok(input, init);
    };
    const notes: (string | null)[] = [];
    const m = await loadModel(tf, ['http://a.test/m/model.json'], {
      fetchFunc: dropping,
      net: n.net,
      onNote: (note) => {
        notes.push(note);
        if (note?.startsWith('You are offline')) setTimeout(n.goOnline, 0);
      },
    });
    m.model.dispose();
    expect(notes).toEqual([
      'You are offline: the download of weight file 1 of 1 goes on when the connection is back',
      'retrying weight file 1 of 1, try 2 of 3',
      null,
    ]);
  });
});
