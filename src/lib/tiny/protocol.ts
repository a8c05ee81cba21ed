/**
 * Messages between the tiny-nets figure and its Worker (src/workers/tiny.worker.ts). Only plain data
 * crosses: 784 uint8 pixels one way, class indices and probabilities back. Tensors never do.
 */
import type { BackendChoice, BackendInfo } from '../engine/protocol';
import type { Guess } from './classify';

export interface TinyModelRef {
  readonly id: string;
  /** Absolute URL of model.json. */
  readonly url: string;
}

export type TinyRequest =
  | { type: 'start'; backend: BackendChoice; /** wasm threads (1: the watchdog's rung after a hang). */ threads?: number; models: readonly TinyModelRef[]; norm: { mean: number; std: number } }
  | { type: 'classify'; seq: number; pixels: Uint8Array };

export interface TinyNetAnswer {
  readonly id: string;
  readonly top: readonly Guess[];
}

export type TinyReply =
  | { type: 'ready'; backend: BackendInfo; tensors: number }
  | { type: 'result'; seq: number; answers: readonly TinyNetAnswer[]; ms: number; tensors: number; bytes: number }
  | { type: 'error'; seq?: number; message: string };
