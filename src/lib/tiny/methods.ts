// What the tiny-nets figure can ask of its Worker (src/workers/tiny.worker.ts), typed once for both
// sides of the worker runtime (src/lib/worker-rpc). Only plain data crosses: 784 uint8 pixels one
// way, class indices and probabilities back. Tensors never do.
import type { BackendChoice, BackendInfo } from '../worker-rpc';
import type { Guess } from './classify';
import type { LesionNetKey } from '../data/tiny-lesion';

export interface TinyModelRef {
  readonly id: string;
  /** Absolute URL of model.json. */
  readonly url: string;
}

export interface TinyNetAnswer {
  readonly id: string;
  readonly top: readonly Guess[];
}

export interface TinyAnswers {
  readonly answers: readonly TinyNetAnswer[];
  /** Milliseconds both nets took in the worker. */
  readonly ms: number;
  /** The worker's tensor count after answering (flat when nothing leaks). */
  readonly tensors: number;
}

/** One block deletion to measure (the block-deletion figure on /why-residual/). */
export interface LesionArgs {
  readonly net: LesionNetKey;
  /** Absolute URL of the net's model.json. */
  readonly model: string;
  /** Spec block ids to remove (none: the intact net). */
  readonly removed: readonly string[];
  /** Folder URL of the Fashion-MNIST files, ending with '/'. */
  readonly data: string;
  readonly norm: { readonly mean: number; readonly std: number };
}

/** Progress of a deletion: loading the net's weights, the test images, then running them. */
export interface LesionEvent {
  readonly stage: 'model' | 'data' | 'run';
  readonly fraction: number;
}

export interface LesionAnswer {
  readonly net: LesionNetKey;
  readonly removed: readonly string[];
  readonly count: number;
  readonly errors: number;
  readonly error: number;
  /** Images whose output was not a number. */
  readonly nonFinite: number;
  /** Milliseconds of the forward passes over the test subset (loading excluded). */
  readonly ms: number;
  /** The worker's tensor count after answering (flat when nothing leaks). */
  readonly tensors: number;
}

export interface TinyMethods {
  /** Starts the backend only (no weights), so a figure can start it ahead of the reader's first request. */
  start: {
    args: {
      backend: BackendChoice;
      /** wasm threads (1: the watchdog's rung after a hang). */ threads?: number;
    };
    result: { backend: BackendInfo; tensors: number };
  };
  /** Loads both nets once, after the backend (a failed load is tried again on the next call). */
  load: {
    args: { models: readonly TinyModelRef[]; norm: { mean: number; std: number } };
    result: { tensors: number };
  };
  /** Both nets' top 3 for one 28×28 image (after `load`). */
  classify: { args: { pixels: Uint8Array }; result: TinyAnswers };
  /** Test error of a lesion net with some blocks removed (it and the test subset load on first use). */
  lesion: { args: LesionArgs; result: LesionAnswer; event: LesionEvent };
}
