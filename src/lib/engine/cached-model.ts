// A model as the session caches it: the loaded model, its intermediate models and its probe (loaded by load-entry.ts).
import type * as TF from '@tensorflow/tfjs';
import type { LoadedModel } from '../inference/loader';
import type { ModelProbe } from '../probe/probe-model';

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
