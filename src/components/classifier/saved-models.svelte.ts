// "Saved models: 10.5 MB · Clear": how much the verified model files kept in this browser's Cache
// Storage take (the classifier's worker keeps them there by digest, lib/inference/weight-cache.ts), and
// clearing them. Cache Storage is shared per origin, so the page reads and clears the worker's cache.
// The island passes the page's engine client and cache (tests: a fake worker and a fake Cache Storage).
import type { WeightCache } from '../../lib/inference/weight-cache';
import { MODELS } from '../../lib/inference/models';
import { expectedDigests } from '../../lib/inference/lock';
import type { EngineClient } from '../shared/engine';
import type { ModelLoads } from './model-loads.svelte';

/** Every file this build's models have: a saved file not among them is an older build's. */
const CURRENT = new Set(MODELS.flatMap((m) => Object.values(expectedDigests(m.id)).map((d) => d.toLowerCase())));

export class SavedModels {
  /** Bytes kept, or null before the first look (or where this browser offers no Cache Storage). */
  bytes = $state<number | null>(null);
  clearing = $state(false);

  /** `cache`: null where this browser offers no Cache Storage (an http page other than localhost). */
  constructor(
    private readonly engine: () => EngineClient,
    private readonly cache: WeightCache | null,
  ) {}

  async refresh(): Promise<void> {
    // No Cache Storage here: nothing is saved, so nothing to show.
    if (!this.cache) return;
    try {
      await this.cache.prune(CURRENT);
      this.bytes = (await this.cache.usage()).bytes;
    } catch {
      this.bytes = null;
    }
  }

  /** Deletes the saved files; the worker forgets its loaded models too, so the next answer downloads again. */
  async clear(state: Pick<ModelLoads, 'sources'>): Promise<void> {
    this.clearing = true;
    try {
      await this.cache?.clear();
      if (Object.keys(state.sources).length) await this.engine().call('forget-models', {});
      state.sources = {};
    } finally {
      this.clearing = false;
      await this.refresh();
    }
  }
}
