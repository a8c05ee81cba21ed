// What the tiny-nets figure can ask of its Worker (src/workers/tiny.worker.ts), typed once for both
// sides of the worker runtime (src/lib/worker-rpc). Only plain data crosses: 784 uint8 pixels one
// way, class indices and probabilities back. Tensors never do.
import type { BackendChoice, BackendInfo } from '../worker-rpc';
import type { Guess } from './classify';

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

export interface TinyMethods {
  /** Starts the backend and loads both nets once. */
  start: {
    args: {
      backend: BackendChoice;
      /** wasm threads (1: the watchdog's rung after a hang). */ threads?: number;
      models: readonly TinyModelRef[];
      norm: { mean: number; std: number };
    };
    result: { backend: BackendInfo; tensors: number };
  };
  /** Both nets' top 3 for one 28×28 image. */
  classify: { args: { pixels: Uint8Array }; result: TinyAnswers };
}
