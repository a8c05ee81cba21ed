/**
 * What a training setting costs before it runs: memory from the spec's activations and parameters,
 * time from its multiply-accumulates and a throughput (measured on the reader's device when known).
 * Settings that do not fit are refused with the estimate, never started.
 */
import { analyze } from '../arch/analyze';
import type { ArchSpec, Shape } from '../arch/types';
import { formatFixed, formatMiB } from '../format';

export interface TrainingEstimate {
  /** Bytes for one net: activations kept for the backward pass and their gradients, plus weights,
   * gradients, momentum and temporaries. */
  readonly bytes: number;
  /** Multiply-accumulates of one training step (forward + two backward convolutions ≈ 3×). */
  readonly macsPerStep: number;
  /** Seconds per step at the given throughput. */
  readonly secondsPerStep: number;
}

export interface EstimateLimits {
  /** Multiply-accumulates per second the backend sustains in training. Default 4e9 (wasm, one
   * thread, measured on a 2-core machine: see the README's Training section). */
  readonly macsPerSecond?: number;
  /** Largest memory allowed for all nets together. Default 1.5 GiB (a wasm heap is at most 4 GiB;
   * a phone tab has far less). */
  readonly maxBytes?: number;
  /** Longest step allowed, in seconds. Default 20 (the lab must show progress). */
  readonly maxSecondsPerStep?: number;
}

/** Activation bytes are multiplied by this: each output is kept for the backward pass, its gradient
 * is made once, and batch norm and ReLU keep a copy (measured: tf.memory() peaks near 3×). */
const ACTIVATION_FACTOR = 3;
/** Weights, their gradients, momentum and one temporary. */
const PARAM_FACTOR = 4;

export function estimateTraining(spec: ArchSpec, input: Shape, batchSize: number, limits: EstimateLimits = {}): TrainingEstimate {
  const m = analyze(spec, input);
  const bytes = m.totals.activationBytes * batchSize * ACTIVATION_FACTOR + m.totals.params * 4 * PARAM_FACTOR;
  const macsPerStep = 3 * m.totals.macs * batchSize;
  return { bytes, macsPerStep, secondsPerStep: macsPerStep / (limits.macsPerSecond ?? 4e9) };
}

export interface FitCheck {
  readonly ok: boolean;
  readonly bytes: number;
  readonly secondsPerStep: number;
  /** Why it was refused, with the numbers (empty when ok). */
  readonly message: string;
}

/** Checks nets trained side by side (their memory adds up, and so does their time per step). */
export function checkFits(specs: readonly ArchSpec[], input: Shape, batchSize: number, limits: EstimateLimits = {}): FitCheck {
  const est = specs.map((s) => estimateTraining(s, input, batchSize, limits));
  const bytes = est.reduce((a, e) => a + e.bytes, 0);
  const secondsPerStep = est.reduce((a, e) => a + e.secondsPerStep, 0);
  const maxBytes = limits.maxBytes ?? 1.5 * 2 ** 30;
  const maxSeconds = limits.maxSecondsPerStep ?? 20;
  if (bytes > maxBytes) {
    return {
      ok: false,
      bytes,
      secondsPerStep,
      message: `These settings need about ${formatMiB(bytes, 0)} of memory, more than the ${formatMiB(maxBytes, 0)} allowed. Choose a smaller batch, width or depth.`,
    };
  }
  if (secondsPerStep > maxSeconds) {
    return {
      ok: false,
      bytes,
      secondsPerStep,
      message: `One step would take about ${formatFixed(secondsPerStep, 0)} s on this device (limit ${maxSeconds} s). Choose a smaller batch, width or depth.`,
    };
  }
  return { ok: true, bytes, secondsPerStep, message: '' };
}
