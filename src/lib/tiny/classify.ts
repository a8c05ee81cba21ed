/**
 * Running the project's tiny Fashion-MNIST nets (tfjs passed in, so the same code runs in the
 * figure's Web Worker and in Node): one 28×28 uint8 image → top-k classes, and a whole test set →
 * predictions and its confusion matrix. Inputs are normalised exactly as in training
 * (`makeBatch`: (x / 255 − mean) / std, with the training subset's mean and std).
 */
import type * as tfjs from '@tensorflow/tfjs';
import { confusionMatrix, makeBatch, type Normalisation } from '../train/trainer';
import type { ImageSet } from '../train/fashion-mnist';
import { GRID, PIXELS } from './drawing';
import type { Tf } from '../tf';

export interface Guess {
  /** Class index, 0–9. */
  readonly label: number;
  readonly probability: number;
}

/** The k most probable classes, best first (ties keep the lower class index first). */
export function topK(probs: ArrayLike<number>, k: number): Guess[] {
  return Array.from(probs, (probability, label) => ({ label, probability }))
    .sort((a, b) => b.probability - a.probability || a.label - b.label)
    .slice(0, k);
}

/** Class probabilities of one image (the nets end in a softmax). */
export async function classifyPixels(tf: Tf, model: tfjs.LayersModel, pixels: Uint8Array, norm: Normalisation, k = 3): Promise<Guess[]> {
  if (pixels.length !== PIXELS) throw new Error(`An image must have ${PIXELS} pixels (28×28), not ${pixels.length}`);
  const set: ImageSet = { images: pixels, labels: new Uint8Array(1), count: 1, rows: GRID, cols: GRID };
  const { x, y } = makeBatch(tf, set, [0], norm);
  const p = tf.tidy(() => model.predict(x) as tfjs.Tensor);
  const probs = await p.data();
  tf.dispose([x, y, p]);
  return topK(probs, k);
}

/** Predicted class of every image of a set, in batches. */
async function predictSet(tf: Tf, model: tfjs.LayersModel, set: ImageSet, norm: Normalisation, batch = 250): Promise<Int32Array> {
  const out = new Int32Array(set.count);
  for (let s = 0; s < set.count; s += batch) {
    const idx = Array.from({ length: Math.min(batch, set.count - s) }, (_, i) => s + i);
    const { x, y } = makeBatch(tf, set, idx, norm);
    const p = tf.tidy(() => tf.argMax(model.predict(x) as tfjs.Tensor, 1));
    out.set((await p.data()) as Int32Array, s);
    tf.dispose([x, y, p]);
  }
  return out;
}

/** Errors and the confusion matrix (confusion[true][predicted]) of a model on a set. */
export async function evaluateSet(
  tf: Tf,
  model: tfjs.LayersModel,
  set: ImageSet,
  norm: Normalisation,
): Promise<{ errors: number; confusion: number[][] }> {
  const pred = await predictSet(tf, model, set, norm);
  let errors = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] !== set.labels[i]) errors++;
  return { errors, confusion: confusionMatrix(set.labels, pred) };
}
