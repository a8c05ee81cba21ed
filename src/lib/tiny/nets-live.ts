/**
 * The tiny-nets figure's two nets as its worker holds them (src/workers/tiny.worker.ts): loaded when
 * the page first asks for them, apart from the backend, so the worker and its wasm can start ahead of
 * the reader's first image without downloading any weights. They load once; a failed load frees what
 * did load and is tried again on the next call. tfjs is passed in.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { throwIfAborted } from '../worker-rpc/abort';
import { classifyPixels } from './classify';
import type { TinyAnswers, TinyModelRef } from './methods';
import type { Normalisation } from '../train/trainer';
import type { Tf } from '../tf';

interface Net {
  readonly id: string;
  readonly model: tfjs.LayersModel;
}

export class TinyNetsRunner {
  private nets: Promise<readonly Net[]> | null = null;
  private norm: Normalisation = { mean: 0, std: 1 };

  /** `loadFn` loads one net from its model.json URL (tfjs' loadLayersModel in the worker). */
  constructor(
    private readonly tf: Tf,
    private readonly loadFn: (url: string) => Promise<tfjs.LayersModel> = (url) => tf.loadLayersModel(url),
  ) {}

  /**
   * Loads the nets after `backend` has started (the figure's nets never change, so only the first
   * call's `models` count until a load fails); resolves with the worker's tensor count. Set at once,
   * so an image asked for right after this call waits for the nets.
   */
  async load(models: readonly TinyModelRef[], norm: Normalisation, backend: Promise<unknown>): Promise<number> {
    this.norm = norm;
    if (!this.nets) {
      const nets = backend.then(() => this.loadAll(models));
      this.nets = nets;
      nets.catch(() => {
        if (this.nets === nets) this.nets = null;
      });
    }
    await this.nets;
    return this.tf.memory().numTensors;
  }

  private async loadAll(models: readonly TinyModelRef[]): Promise<readonly Net[]> {
    const settled = await Promise.allSettled(models.map((m) => this.loadFn(m.url)));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) {
      // The next call loads both again: free the one that did load.
      for (const s of settled) if (s.status === 'fulfilled') s.value.dispose();
      throw failed.reason;
    }
    return settled.map((s, i) => ({ id: models[i]!.id, model: (s as PromiseFulfilledResult<tfjs.LayersModel>).value }));
  }

  /** Both nets' top 3 for one 28×28 image, once they have loaded. */
  async classify(pixels: Uint8Array, signal?: AbortSignal): Promise<TinyAnswers> {
    if (!this.nets) throw new Error('The nets are not loaded yet');
    const nets = await this.nets;
    throwIfAborted(signal);
    const t0 = performance.now();
    const answers = [];
    for (const n of nets) answers.push({ id: n.id, top: await classifyPixels(this.tf, n.model, pixels, this.norm, 3) });
    return { answers, ms: performance.now() - t0, tensors: this.tf.memory().numTensors };
  }
}
