// A model as the session caches it (the loaded model, its intermediate models and its probe), and its load.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { ModelEntry } from '../inference/models';
import { MODELS } from '../inference/models';
import { loadModel, type LoadedModel } from '../inference/loader';
import { expectedDigests } from '../inference/lock';
import type { ModelProbe } from '../probe/probe-model';
import { throwIfAborted } from '../worker-rpc/abort';
import type { Progress } from './model-cache';

/** Largest bring-your-own model the page accepts: refused from its model.json, before any weight. */
const MAX_OWN_WEIGHT_BYTES = 600e6;

/** A loaded model with what the session keeps beside it; dispose() frees all of it. */
export class CachedModel {
  /** Intermediate models per layer: they share the model's weights, so they are dropped, not disposed. */
  readonly subModels = new Map<string, TF.LayersModel>();
  /** The model's graph, blocks and spec map for the probes; built on the first probe. */
  probe: ModelProbe | null = null;
  constructor(readonly loaded: LoadedModel) {}
  dispose(): void {
    this.subModels.clear();
    this.probe = null;
    this.loaded.model.dispose();
  }
}

/** Loads one model for the cache; its fetches stop, and a model that arrives late is disposed, when `signal` aborts. */
export async function loadCachedModel(
  tf: Tf,
  spec: ModelEntry,
  fetchFunc: typeof fetch | undefined,
  signal: AbortSignal,
  onProgress: Progress,
): Promise<CachedModel> {
  const base = fetchFunc ?? globalThis.fetch.bind(globalThis);
  const loaded = await loadModel(tf, spec.urls, {
    onProgress,
    signal,
    format: spec.format,
    // The site's models are checked file by file against models.lock.json; the reader's own
    // models have no pinned digests, but a size limit.
    ...(MODELS.some((m) => m.id === spec.id) ? { digests: expectedDigests(spec.id) } : { maxWeightBytes: MAX_OWN_WEIGHT_BYTES }),
    // The loader's fetches stop when the last request for this model gives up.
    fetchFunc: (input, init) => base(input, { ...init, signal }),
  });
  if (signal.aborted) {
    loaded.model.dispose();
    throwIfAborted(signal);
  }
  return new CachedModel(loaded);
}
