// How the engine loads one registry entry: the site's models checked file by file against
// models.lock.json and kept by digest in the weight cache for the next visit; the reader's own models
// (no pinned digests) under a size limit. Progress carries the loader's note (a retry, offline).
import type { Tf } from '../tf';
import type { ModelEntry } from '../inference/models';
import { MODELS } from '../inference/models';
import { loadModel, type LoadedModel } from '../inference/loader';
import { expectedDigests, gzipWeights } from '../inference/lock';
import type { WeightCache } from '../inference/weight-cache';
import { throwIfAborted } from '../worker-rpc/abort';
import type { Progress } from './model-cache';

/** Largest bring-your-own model the page accepts: refused from its model.json, before any weight. */
const MAX_OWN_WEIGHT_BYTES = 600e6;

export async function loadEntry(
  deps: { tf: Tf | Promise<Tf>; fetchFunc?: typeof fetch | undefined; weightCache?: WeightCache | undefined },
  spec: ModelEntry,
  signal: AbortSignal,
  onProgress: Progress,
  /** Resolves once the backend can build the model; the files download meanwhile. */
  backendReady?: () => Promise<unknown>,
): Promise<LoadedModel> {
  const base = deps.fetchFunc ?? globalThis.fetch.bind(globalThis);
  let bytes: [number, number, number] = [0, 0, 0];
  let note: string | null = null;
  const loaded = await loadModel(deps.tf, spec.urls, {
    onProgress: (...p) => onProgress(...(bytes = p), note),
    onNote: (n) => onProgress(...bytes, (note = n)),
    signal,
    format: spec.format,
    ...(backendReady ? { beforeBuild: backendReady } : {}),
    ...(MODELS.some((m) => m.id === spec.id)
      ? {
          digests: expectedDigests(spec.id),
          gzipWeights: gzipWeights(spec.id),
          ...(deps.weightCache ? { cache: deps.weightCache } : {}),
        }
      : { maxWeightBytes: MAX_OWN_WEIGHT_BYTES }),
    // The loader's fetches stop when the last request for this model gives up.
    fetchFunc: (input, init) => base(input, { ...init, signal }),
  });
  if (signal.aborted) {
    loaded.model.dispose();
    throwIfAborted(signal);
  }
  return loaded;
}
