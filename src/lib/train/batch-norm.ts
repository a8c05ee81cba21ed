/**
 * Batch normalisation for training, as one op with its own gradient. Autodiff of the textbook
 * formula (moments, subtract, divide, scale) records a dozen broadcasting ops whose gradients
 * (Tile, Sum, Multiply) were most of a training step on wasm. The closed form needs two reductions:
 *
 *   x̂ = (x − μ) / √(σ² + ε),  y = γ x̂ + β
 *   ∂L/∂β = Σ dy,  ∂L/∂γ = Σ dy·x̂,  ∂L/∂x = γ/√(σ² + ε) · (dy − ∂L/∂β / M − x̂ · ∂L/∂γ / M)
 *
 * with sums over batch, height and width (M values per channel).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';

/** Keras' BatchNormalization epsilon in the model builder (so saved models normalise identically). */
export const BN_EPSILON = 1.001e-5;

export interface BatchStats {
  readonly mean: tfjs.Tensor1D;
  readonly variance: tfjs.Tensor1D;
}

/** Builds the training-mode op. `onStats` receives the batch mean and variance (for the moving
 * averages); they live in the caller's tidy scope. */
export function makeBatchNormTrain(tf: Tf) {
  return (x: tfjs.Tensor4D, gamma: tfjs.Tensor1D, beta: tfjs.Tensor1D, onStats?: (s: BatchStats) => void): tfjs.Tensor4D => {
    const op = tf.customGrad(((xx: tfjs.Tensor4D, g: tfjs.Tensor1D, b: tfjs.Tensor1D, save: tfjs.GradSaveFunc) => {
      const { mean, variance } = tf.moments(xx, [0, 1, 2]);
      const rstd = tf.rsqrt(tf.add(variance, BN_EPSILON));
      const xhat = tf.mul(tf.sub(xx, mean), rstd) as tfjs.Tensor4D;
      const value = tf.add(tf.mul(xhat, g), b) as tfjs.Tensor4D;
      onStats?.({ mean: mean as tfjs.Tensor1D, variance: variance as tfjs.Tensor1D });
      save([xhat, rstd, g]);
      const gradFunc = (dy: tfjs.Tensor4D, saved: tfjs.Tensor[]): tfjs.Tensor[] => {
        const [xh, rs, gg] = saved as [tfjs.Tensor4D, tfjs.Tensor1D, tfjs.Tensor1D];
        const m = dy.shape[0] * dy.shape[1] * dy.shape[2];
        const dbeta = tf.sum(dy, [0, 1, 2]);
        const dgamma = tf.sum(tf.mul(dy, xh), [0, 1, 2]);
        const centred = tf.sub(tf.sub(dy, tf.div(dbeta, m)), tf.mul(xh, tf.div(dgamma, m)));
        const dx = tf.mul(centred, tf.mul(gg, rs));
        return [dx, dgamma, dbeta];
      };
      return { value, gradFunc };
    }) as never) as (x: tfjs.Tensor4D, g: tfjs.Tensor1D, b: tfjs.Tensor1D) => tfjs.Tensor4D;
    return op(x, gamma, beta);
  };
}
