// A tiny Keras-style functional residual net for the block-deletion tests: input 8×8×3 → stem (conv,
// BN, ReLU) → block A (1×1 stride-2 conv branch and a 1×1 projection shortcut) → block B (identity) →
// global average pool → softmax, with seeded weights everywhere (batch norm's moving
// variance kept positive). The layer names are the test's own, for references built by hand.
import * as tf from '@tensorflow/tfjs';

function build(classes: number): tf.LayersModel {
  const L = tf.layers;
  const conv = (name: string, filters: number, k: number, strides = 1) =>
    L.conv2d({ name, filters, kernelSize: k, strides, padding: 'same' });
  const bn = (name: string) => L.batchNormalization({ name });
  const relu = (name: string) => L.activation({ name, activation: 'relu' });
  const inp = L.input({ shape: [8, 8, 3], name: 'in' });
  const stem = relu('stem_relu').apply(bn('stem_bn').apply(conv('stem', 4, 3).apply(inp))) as tf.SymbolicTensor;
  const a1 = relu('a_relu1').apply(bn('a_bn1').apply(conv('a_conv1', 8, 1, 2).apply(stem)));
  const a2 = bn('a_bn2').apply(conv('a_conv2', 8, 3).apply(a1)) as tf.SymbolicTensor;
  const aShort = bn('a_bn0').apply(conv('a_conv0', 8, 1, 2).apply(stem)) as tf.SymbolicTensor;
  const aOut = relu('a_out').apply(L.add({ name: 'a_add' }).apply([a2, aShort])) as tf.SymbolicTensor;
  const b1 = relu('b_relu1').apply(bn('b_bn1').apply(conv('b_conv1', 8, 3).apply(aOut)));
  const b2 = bn('b_bn2').apply(conv('b_conv2', 8, 3).apply(b1)) as tf.SymbolicTensor;
  const bOut = relu('b_out').apply(L.add({ name: 'b_add' }).apply([b2, aOut])) as tf.SymbolicTensor;
  const pooled = L.globalAveragePooling2d({ name: 'pool' }).apply(bOut);
  const out = L.dense({ name: 'fc', units: classes, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: inp, outputs: out });
}

/** The tiny net with seeded weights (5 classes; 1000 for the engine, whose loader wants ImageNet's). */
export function tinyResNet(classes = 5): tf.LayersModel {
  const m = build(classes);
  let seed = 1;
  for (const layer of m.layers) {
    const ws = layer.getWeights();
    if (!ws.length) continue;
    const fresh = ws.map((w, i) => {
      const r = tf.randomUniform(w.shape, -0.8, 0.8, 'float32', seed++);
      if (!(layer.getClassName() === 'BatchNormalization' && i === 3)) return r;
      const v = tf.add(tf.abs(r), 0.3);
      r.dispose();
      return v;
    });
    layer.setWeights(fresh);
    tf.dispose(fresh);
  }
  return m;
}

/** The tiny net saved as model.json + one weight file (for tests/helpers/tiny-model.ts `serve`). */
export async function tinyResNetFiles(classes = 1000): Promise<Record<string, Uint8Array>> {
  const model = tinyResNet(classes);
  let files: Record<string, Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs }],
      };
      files = {
        'model.json': new TextEncoder().encode(JSON.stringify(json)),
        'group1-shard1of1.bin': new Uint8Array(artifacts.weightData as ArrayBuffer),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return files;
}
