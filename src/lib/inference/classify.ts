// One classification: pixels → preprocessing → model → probabilities in Keras class order.
import type * as TF from '@tensorflow/tfjs';
import type { ModelEntry } from './models';
import { preprocess } from './preprocess';
import type { Tf } from '../tf';
import { softmax, toKerasOrder } from './scores';
import { DARKNET_INDEX_FOR_KERAS } from './labels';
import { outputList } from './loader';

/** Anything with a tfjs `predict` (LayersModel or GraphModel). */
export interface Predictor {
  predict(x: TF.Tensor, config?: object): TF.Tensor | TF.Tensor[] | TF.NamedTensorMap;
}

export type ClassifierSpec = Pick<ModelEntry, 'inputSize' | 'preprocessing' | 'output' | 'classOrder'>;

export interface Classification {
  /** Probabilities, 1000, Keras order. */
  probs: Float32Array;
  /** Milliseconds spent preprocessing and running the model (including reading the result back). */
  preprocessMs: number;
  inferenceMs: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Turns raw model output (softmax or logits, either class order) into Keras-order probabilities. */
function toProbabilities(raw: Float32Array, spec: Pick<ClassifierSpec, 'output' | 'classOrder'>): Float32Array {
  const probs = spec.output === 'logits' ? softmax(raw) : raw;
  return spec.classOrder === 'darknet' ? toKerasOrder(probs, DARKNET_INDEX_FOR_KERAS) : probs;
}

/** Classifies RGB pixels [H, W, 3]. Leaves no tensors behind; the caller still owns `pixels`. */
export async function classify(tf: Tf, model: Predictor, spec: ClassifierSpec, pixels: TF.Tensor3D): Promise<Classification> {
  const t0 = now();
  const input = preprocess(tf, pixels, spec.preprocessing, spec.inputSize);
  // Wait for the input so the two timings are separate (data() also syncs GPU backends).
  await input.data();
  const t1 = now();
  let out: TF.Tensor[] = [];
  try {
    out = outputList(model.predict(input));
    const first = out[0];
    if (!first) throw new Error('the model returned no output');
    const raw = (await first.data()) as Float32Array;
    const t2 = now();
    return { probs: toProbabilities(Float32Array.from(raw), spec), preprocessMs: t1 - t0, inferenceMs: t2 - t1 };
  } finally {
    input.dispose();
    tf.dispose(out);
  }
}
