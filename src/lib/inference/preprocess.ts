// Preprocessing with tfjs ops, shared by Node tests and the browser so both compute the same tensor.
// tfjs is passed in (the demo loads it lazily; tests import it directly).
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { Preprocessing } from './models';

/** Keras "caffe" mode: ImageNet channel means in BGR order (keras.applications.imagenet_utils). */
const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68] as const;

/**
 * [H, W, 3] RGB pixels (0…255, int or float) → [1, size, size, 3] float input for the model.
 * Bilinear resize of the whole image (no crop), then:
 * - 'minus1to1': x / 127.5 − 1 (MobileNet);
 * - 'zero1': x / 255 (darknet);
 * - 'caffe': RGB → BGR, subtract CAFFE_MEAN_BGR, no scaling (Keras ResNet-50, VGG).
 * The caller owns `pixels`; the returned tensor is new (dispose it).
 */
export function preprocess(tf: Tf, pixels: tfjs.Tensor3D, mode: Preprocessing, size: number): tfjs.Tensor4D {
  const [, , channels] = pixels.shape;
  if (channels !== 3) throw new Error(`expected RGB pixels [H, W, 3], got shape [${pixels.shape.join(', ')}]`);
  return tf.tidy(() => {
    const resized = tf.image.resizeBilinear(pixels.toFloat(), [size, size]);
    let x: tfjs.Tensor3D;
    if (mode === 'minus1to1') x = resized.div(127.5).sub(1);
    else if (mode === 'zero1') x = resized.div(255);
    else x = tf.reverse(resized, -1).sub(tf.tensor1d([...CAFFE_MEAN_BGR]));
    return x.expandDims(0) as tfjs.Tensor4D;
  });
}
