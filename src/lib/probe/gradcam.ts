// Grad-CAM (Selvaraju et al., ICCV 2017, Eq. 1–2): for class c with score y^c (the logit, before the
// softmax) and the maps A^k of the last convolutional stage,
//   α_k = (1/Z) Σ_ij ∂y^c/∂A^k_ij,     L^c = ReLU(Σ_k α_k A^k).
// The gradient is taken with tf.grad over the head only (the layers between A and the classifier,
// then the classifier's own kernel and bias): A comes from one forward pass, the head is replayed on
// it. The converted Keras ResNet-50's Dense has its softmax built in, so the logit is computed from
// its kernel and bias rather than differentiating the probability (which saturates for a confident
// class and mixes in every other class).
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { GradCam } from './types';
import type { ModelProbe } from './probe-model';
import { PASS_THROUGH, type GraphLayer } from './graph';

/** The layer Grad-CAM reads in a ResNet-50 (spec id; conv5_block3_out, 7×7×2048). */
export const GRADCAM_LAYER = 'conv5_block3_out';

/** The head after `from`: single-input layers up to (not including) the classifier Dense. */
function headOf(probe: ModelProbe, from: GraphLayer): { head: GraphLayer[]; dense: GraphLayer } {
  const g = probe.graph;
  const head: GraphLayer[] = [];
  let cur = from;
  for (;;) {
    const next = g.consumers.get(cur.name) ?? [];
    if (next.length !== 1)
      throw new Error(`Grad-CAM needs a single chain from ${from.name} to the classifier; ${cur.name} feeds ${next.length} layers`);
    cur = g.byName.get(next[0]!)!;
    if (cur.className === 'Dense') return { head, dense: cur };
    if (cur.inbound.length !== 1) throw new Error(`Grad-CAM: ${cur.name} between ${from.name} and the classifier has several inputs`);
    if (!PASS_THROUGH.has(cur.className)) head.push(cur);
  }
}

export async function gradCam(tf: Tf, probe: ModelProbe, input: TF.Tensor4D, classIndex: number, layer = GRADCAM_LAYER): Promise<GradCam> {
  const t0 = performance.now();
  let target: GraphLayer;
  try {
    target = probe.resolve(layer).modelLayer;
  } catch {
    throw new Error(`Grad-CAM needs the layer ${layer} (the last convolutional stage of a ResNet-50); this model has no such layer`);
  }
  if (target.shape.length !== 3) throw new Error(`Grad-CAM needs maps; ${layer} gives [${target.shape.join(', ')}]`);
  const { head, dense } = headOf(probe, target);
  const { kernel, bias } = probe.denseWeights(dense.name);
  const classes = kernel.shape[1];
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classes) {
    throw new RangeError(`class ${classIndex} is outside 0…${classes - 1}`);
  }
  const headLayers = head.map((l) => probe.model.getLayer(l.name));
  const [a] = probe.run([target.name], input) as [TF.Tensor4D];
  let cam: TF.Tensor | null = null;
  let score: TF.Scalar | null = null;
  try {
    // y^c as a function of A: the head's layers, then the classifier's column c (no softmax).
    const logit = (x: TF.Tensor): TF.Scalar => {
      let h = x;
      for (const l of headLayers) h = l.apply(h) as TF.Tensor;
      const wc = kernel.slice([0, classIndex], [kernel.shape[0], 1]);
      const z = tf.matMul(h.reshape([1, -1]) as TF.Tensor2D, wc).reshape([]) as TF.Scalar;
      return bias ? z.add(bias.slice([classIndex], [1]).reshape([])) : z;
    };
    [cam, score] = tf.tidy(() => {
      const { value, grad } = tf.valueAndGrad(logit)(a);
      const alpha = grad.mean([1, 2], true); // [1, 1, 1, K]: α_k
      return [tf.relu(a.mul(alpha).sum(3)).reshape([-1]), value] as [TF.Tensor, TF.Scalar];
    });
    const [map, s] = await Promise.all([cam.data() as Promise<Float32Array>, score.data()]);
    let max = 0;
    for (const v of map) if (v > max) max = v;
    const [, h, w] = a.shape;
    return { classIndex, layer, modelLayer: target.name, h, w, map: Float32Array.from(map), max, score: s[0]!, ms: performance.now() - t0 };
  } finally {
    a.dispose();
    cam?.dispose();
    score?.dispose();
  }
}
