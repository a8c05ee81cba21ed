// "Saved models: … · Clear" over a fake Cache Storage and a fake engine worker: the size of this build's
// saved files (an older build's are dropped), "Clear" emptying it and making the worker forget its
// models, and nothing shown where the browser has no Cache Storage or it fails.
import { describe, expect, it } from 'vitest';
import { SavedModels } from '../../src/components/classifier/saved-models.svelte';
import { WeightCache, type CacheLike, type CacheStorageLike } from '../../src/lib/inference/weight-cache';
import { expectedDigests } from '../../src/lib/inference/lock';
import { QUICK_MODEL_ID } from '../../src/lib/inference/models';
import type { ModelInfo } from '../../src/lib/engine/methods';
import { FakeEngine } from '../helpers/fake-engine';

/** Cache Storage in memory (keys and bodies), or one whose reads fail. */
class FakeStorage implements CacheStorageLike {
  readonly caches = new Map<string, Map<string, Uint8Array>>();
  constructor(private readonly broken = false) {}
  async open(name: string): Promise<CacheLike> {
    const c = this.caches.get(name) ?? new Map<string, Uint8Array>();
    this.caches.set(name, c);
    return {
      match: async (k) => {
        const b = c.get(k);
        return b && new Response(b.slice() as Uint8Array<ArrayBuffer>, { headers: { 'Content-Length': String(b.length) } });
      },
      put: async (k, res) => void c.set(k, new Uint8Array(await res.arrayBuffer())),
      delete: async (k) => c.delete(k),
      keys: async () => {
        if (this.broken) throw new DOMException('The operation is insecure.', 'SecurityError');
        return [...c.keys()].map((url) => ({ url }));
      },
    };
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
}

const quickModelJson = expectedDigests(QUICK_MODEL_ID)['model.json']!;
const anOlderBuildsFile = 'f'.repeat(64);
const loaded = { [QUICK_MODEL_ID]: { id: QUICK_MODEL_ID } as ModelInfo };

async function savedFiles(storage: FakeStorage): Promise<WeightCache> {
  const cache = new WeightCache(storage);
  await cache.put(quickModelJson, new Uint8Array(3000));
  await cache.put(anOlderBuildsFile, new Uint8Array(5000));
  return cache;
}

describe('the saved models line', () => {
  it("shows how much this build's saved files take, dropping an older build's", async () => {
    const storage = new FakeStorage();
    const engine = new FakeEngine();
    const saved = new SavedModels(() => engine.client, await savedFiles(storage));
    expect(saved.bytes).toBeNull();
    await saved.refresh();
    expect(saved.bytes).toBe(3000);
    expect([...storage.caches.values()][0]!.size).toBe(1);
  });

  it('"Clear" empties it and makes the worker forget the models it loaded, so the next answer downloads again', async () => {
    const engine = new FakeEngine();
    const saved = new SavedModels(() => engine.client, await savedFiles(new FakeStorage()));
    await saved.refresh();
    const state = { sources: { ...loaded } };
    const clearing = saved.clear(state);
    expect(saved.clearing).toBe(true);
    await clearing;
    expect([saved.bytes, saved.clearing, state.sources, engine.count('forget-models')]).toEqual([0, false, {}, 1]);
  });

  it('clearing with no model loaded leaves the worker alone', async () => {
    const engine = new FakeEngine();
    const saved = new SavedModels(() => engine.client, await savedFiles(new FakeStorage()));
    await saved.clear({ sources: {} });
    expect([saved.bytes, engine.workers]).toEqual([0, 0]);
  });

  it('shows nothing where the browser has no Cache Storage, or reading it fails', async () => {
    const engine = new FakeEngine();
    const none = new SavedModels(() => engine.client, null);
    await none.refresh();
    expect(none.bytes).toBeNull();
    const state = { sources: { ...loaded } };
    await none.clear(state);
    expect([none.bytes, state.sources, engine.count('forget-models')]).toEqual([null, {}, 1]);

    const broken = new SavedModels(() => engine.client, new WeightCache(new FakeStorage(true)));
    await broken.refresh();
    expect(broken.bytes).toBeNull();
  });
});
