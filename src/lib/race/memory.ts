/**
 * How much memory a race needs, from the spec alone (before anything is allocated): the float32
 * weights tfjs holds (Keras convention: conv biases and BatchNorm moving statistics are weights too),
 * plus the activations of one forward pass at the chosen input size.
 */
import { analyze, BYTES_PER_FLOAT32, type ArchSpec, type Shape } from '../arch';

export interface MemoryEstimate {
  readonly modelId: string;
  readonly input: Shape;
  /** Weights tfjs allocates (`model.countParams()`), Keras convention. */
  readonly params: number;
  readonly weightBytes: number;
  /** Every layer's output for one image: an upper bound, as tfjs frees intermediates during a pass. */
  readonly activationBytes: number;
  readonly inputBytes: number;
  readonly totalBytes: number;
  /** The heaviest layer's weights (VGG-16 at 224: fc1, 411 MB), for per-tensor limits of a backend. */
  readonly largestLayerBytes: number;
  readonly largestLayerId: string;
}

export function estimateMemory(spec: ArchSpec, input: Shape = spec.input): MemoryEstimate {
  const m = analyze(spec, input);
  const weightBytes = m.totals.paramsKeras * BYTES_PER_FLOAT32;
  const inputBytes = input.h * input.w * input.c * BYTES_PER_FLOAT32;
  let largest = m.steps[0];
  for (const s of m.steps) if (largest === undefined || s.paramsKeras > largest.paramsKeras) largest = s;
  return {
    modelId: spec.id,
    input,
    params: m.totals.paramsKeras,
    weightBytes,
    activationBytes: m.totals.activationBytes,
    inputBytes,
    totalBytes: weightBytes + m.totals.activationBytes + inputBytes,
    largestLayerBytes: (largest?.paramsKeras ?? 0) * BYTES_PER_FLOAT32,
    largestLayerId: largest?.id ?? '',
  };
}

/** Models are built and raced one at a time, each disposed before the next: the race needs the
 * largest single model's memory, not the sum. */
export function peakBytes(estimates: readonly MemoryEstimate[]): number {
  return estimates.reduce((peak, e) => Math.max(peak, e.totalBytes), 0);
}
