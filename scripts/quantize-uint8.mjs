// Derives an 8-bit copy of a TensorFlow.js layers model (`npm run models` makes the 8-bit ResNet-50 and
// the 8-bit MobileNet with it: lock entries with `derivation: 'uint8'`).
//
// Format: the standard tfjs weight quantization that `tensorflowjs_converter --quantize_uint8` writes.
// Each quantized weight keeps `dtype: 'float32'` and gains `quantization: { dtype: 'uint8', min, scale }`;
// its bytes are one uint8 q per value, and tfjs dequantises on load to q × scale + min. The range is
// affine per tensor and nudged, as the converter does, so that 0 is represented exactly.
//
// Tensors with at most one dimension (BatchNorm γ, β, moving mean and variance, conv and dense biases)
// stay float32: there are 133,800 of them in ResNet-50 (0.5% of the values, 0.4 MB as float32), and
// a moving variance has no business being rounded to 256 levels — it divides the activations.
//
// Per-channel ranges inside a per-tensor format: the format has one (min, scale) per tensor, so one
// output channel with large weights makes the steps coarse for all the others (up to 9% rms error on
// ResNet-50's res5a_branch1 kernel; MobileNet's depthwise kernels are worse, one 3×3 filter per channel).
// Where a Conv2D or DepthwiseConv2D feeds only a BatchNormalization, each output
// channel c is first scaled up by s_c ≥ 1 so that every channel spans the tensor's full range, and the
// BatchNorm absorbs it exactly: conv bias × s_c, moving mean × s_c, moving variance → s_c²(var + ε) − ε
// (then γ(s·z − s·μ)/(s·√(var + ε)) + β is the same function). Only the weights change, not the network.
//
// Deterministic: the same input bytes give the same output bytes (plain float64 arithmetic, a fixed
// manifest order, JSON with a fixed key order, fixed shard sizes).
import { Buffer } from 'node:buffer';

/** tfjs converters' default shard size (4 MiB; the last shard holds the rest). */
export const SHARD_BYTES = 4 * 1024 * 1024;

const FLOAT_BYTES = { float32: 4, int32: 4 };

/** Which weights stay float32 (see the header). */
export const keepsFloat = (w) => w.shape.length <= 1;

/** The converter's affine uint8 range for values in [lo, hi], widened to include 0 and nudged so 0 is exact. */
export function affineRange(lo, hi) {
  const min = Math.min(0, lo);
  const max = Math.max(0, hi);
  const scale = (max - min) / 255;
  if (!(scale > 0)) return { min: 0, scale: 1 }; // an all-zero tensor: every q is 0
  const zeroPoint = Math.round(-min / scale);
  return { min: -zeroPoint * scale, scale };
}

/** Quantizes a float32 array to uint8 with `affineRange` of its values. */
export function quantizeUint8(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const { min, scale } = affineRange(lo, hi);
  const q = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = Math.round((values[i] - min) / scale);
    q[i] = x < 0 ? 0 : x > 255 ? 255 : x;
  }
  return { q, min, scale };
}

/** A conv layer's kernel weight name ('kernel', or 'depthwise_kernel' for a DepthwiseConv2D). */
const KERNELS = { Conv2D: 'kernel', DepthwiseConv2D: 'depthwise_kernel' };

/** Conv → BatchNormalization pairs of a Keras functional model (the BN the conv's only consumer). */
export function convBnPairs(modelJson) {
  const layers = modelJson.modelTopology?.model_config?.config?.layers ?? modelJson.modelTopology?.config?.layers ?? [];
  const consumers = new Map();
  for (const l of layers) {
    for (const node of l.inbound_nodes ?? []) for (const [src] of node) consumers.set(src, [...(consumers.get(src) ?? []), l]);
  }
  const pairs = [];
  for (const l of layers) {
    const kernel = KERNELS[l.class_name];
    if (!kernel) continue;
    const next = consumers.get(l.config.name ?? l.name) ?? consumers.get(l.name) ?? [];
    const bn = next[0];
    if (next.length !== 1 || bn.class_name !== 'BatchNormalization') continue;
    const axis = [].concat(bn.config.axis);
    if (axis.length !== 1 || (axis[0] !== 3 && axis[0] !== -1)) continue;
    pairs.push({ conv: l.name, kernel, bn: bn.name, epsilon: bn.config.epsilon, useBias: l.config.use_bias !== false });
  }
  return pairs;
}

/**
 * Scales each output channel of a conv kernel (float32, in place; HWIO, or HWCM for a depthwise kernel,
 * whose output channel c·M + m is also the flat index modulo C·M) so that all channels reach the
 * tensor's largest |w|, and folds the inverse into its BatchNorm's vectors (also in place). Returns the
 * scales (1 where a channel is all zeros or already the widest).
 */
export function equalizeChannels(kernel, outChannels, bn, bias) {
  const maxAbs = new Float64Array(outChannels);
  for (let i = 0; i < kernel.length; i++) {
    const c = i % outChannels;
    const a = Math.abs(kernel[i]);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  const top = maxAbs.reduce((a, b) => Math.max(a, b), 0);
  const s = new Float64Array(outChannels);
  for (let c = 0; c < outChannels; c++) s[c] = maxAbs[c] > 0 ? top / maxAbs[c] : 1;
  for (let i = 0; i < kernel.length; i++) kernel[i] = kernel[i] * s[i % outChannels];
  for (let c = 0; c < outChannels; c++) {
    if (bias) bias[c] = bias[c] * s[c];
    bn.mean[c] = bn.mean[c] * s[c];
    bn.variance[c] = s[c] * s[c] * (bn.variance[c] + bn.epsilon) - bn.epsilon;
  }
  return s;
}

// ---- data-free bias correction (Nagel et al. 2019, "Data-Free Quantization") ----------------------
//
// Rounding a kernel to 256 levels shifts each output channel c by Σᵢ Δw_ic·xᵢ, whose expected value is
// Σᵢ Δw_ic·E[xᵢ]. Where a conv's input is a ReLU or ReLU6 of a BatchNorm (through layers that keep the
// mean: Dropout, Reshape, global average pooling), E[xᵢ] follows from that BatchNorm's γ and β, taking
// its output as Gaussian N(β, γ²); the shift is then subtracted: added to the moving mean of the conv's
// own BatchNorm, or taken off its bias. Borders of 'same' padding (zeros) are ignored. Plain float64.

/** erf to 1.5e-7 (Abramowitz & Stegun 7.1.26): deterministic, no platform Math.erf. */
function erf(x) {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** E[max(x − a, 0)] for x ~ N(m, s²). */
function meanRelu(m, s, a) {
  if (!(s > 0)) return Math.max(m - a, 0);
  const z = (m - a) / s;
  return (m - a) * 0.5 * (1 + erf(z / Math.SQRT2)) + (s * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
}

const MEAN_KEEPING = new Set(['Dropout', 'Reshape', 'GlobalAveragePooling2D', 'Flatten']);

/** The expected input per channel of a layer, or null where it cannot be told from the weights. */
function inputMeans(layer, layers, byName) {
  let src = layers.get(layer.inbound_nodes?.[0]?.[0]?.[0]);
  while (src && MEAN_KEEPING.has(src.class_name)) src = layers.get(src.inbound_nodes?.[0]?.[0]?.[0]);
  if (!src || src.class_name !== 'Activation' || !['relu', 'relu6'].includes(src.config.activation)) return null;
  const bn = layers.get(src.inbound_nodes?.[0]?.[0]?.[0]);
  if (!bn || bn.class_name !== 'BatchNormalization') return null;
  const gamma = byName.get(`${bn.name}/gamma`)?.values;
  const beta = byName.get(`${bn.name}/beta`)?.values;
  if (!gamma || !beta) return null;
  const cap = src.config.activation === 'relu6' ? 6 : Infinity;
  return Float64Array.from(beta, (b, i) => {
    const sd = Math.abs(gamma[i]);
    return meanRelu(b, sd, 0) - (cap === Infinity ? 0 : meanRelu(b, sd, cap));
  });
}

/** Folds each conv kernel's expected rounding shift into its BatchNorm's moving mean or its bias. Returns how many. */
function correctBias(modelJson, byName, keep) {
  const list = modelJson.modelTopology?.model_config?.config?.layers ?? modelJson.modelTopology?.config?.layers ?? [];
  const layers = new Map(list.map((l) => [l.name, l]));
  const bnOf = new Map(convBnPairs(modelJson).map((p) => [p.conv, p.bn]));
  let corrected = 0;
  for (const l of list) {
    const kernelName = KERNELS[l.class_name];
    const kernel = kernelName && byName.get(`${l.name}/${kernelName}`);
    if (!kernel || kernel.spec.shape.length !== 4 || keep(kernel.spec)) continue;
    const mu = inputMeans(l, layers, byName);
    const [, , c, m] = kernel.spec.shape;
    if (!mu || mu.length !== c) continue;
    const out = kernelName === 'kernel' ? m : c * m;
    const { q, min, scale } = quantizeUint8(kernel.values);
    const shift = new Float64Array(out);
    for (let i = 0; i < q.length; i++) {
      const o = i % out;
      const input = kernelName === 'kernel' ? Math.floor(i / out) % c : Math.floor(o / m);
      shift[o] += (q[i] * scale + min - kernel.values[i]) * mu[input];
    }
    const mean = bnOf.has(l.name) ? byName.get(`${bnOf.get(l.name)}/moving_mean`)?.values : undefined;
    const bias = byName.get(`${l.name}/bias`)?.values;
    if (mean) for (let o = 0; o < out; o++) mean[o] = mean[o] + shift[o];
    else if (bias) for (let o = 0; o < out; o++) bias[o] = bias[o] - shift[o];
    else continue;
    corrected++;
  }
  return corrected;
}

/**
 * @param modelJson the float32 model.json (parsed)
 * @param readFile  (path in the manifest) → Buffer of that weight file
 * @param about     a sentence stored in the new model.json saying how it was made
 * @param options   the lock entry's `options`: `biasCorrection`, fold each kernel's expected rounding
 *                  error into its BatchNorm or bias (see `correctBias`); `floatClasses`, layer classes
 *                  whose kernels stay float32 (MobileNet's DepthwiseConv2D: 3×3 per channel, 1.3% of its
 *                  values, the ones per-tensor uint8 hurts most)
 * @returns Map of file name → Buffer: model.json and its shards
 */
export function quantizeLayersModel(modelJson, readFile, about, { biasCorrection = false, floatClasses = [] } = {}) {
  const list = modelJson.modelTopology?.model_config?.config?.layers ?? modelJson.modelTopology?.config?.layers ?? [];
  const floatLayers = new Set(list.filter((l) => floatClasses.includes(l.class_name)).map((l) => l.name));
  const keep = (w) => keepsFloat(w) || floatLayers.has(w.name.split('/')[0]);
  // 1. Every weight as its own typed array, in manifest order.
  const weights = [];
  for (const group of modelJson.weightsManifest) {
    const data = Buffer.concat(group.paths.map((p) => readFile(p)));
    let off = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`${w.name} is already quantized`);
      const size = FLOAT_BYTES[w.dtype];
      if (size === undefined) throw new Error(`${w.name}: cannot quantize dtype ${w.dtype}`);
      const n = w.shape.reduce((a, b) => a * b, 1);
      const copy = data.buffer.slice(data.byteOffset + off, data.byteOffset + off + n * size);
      off += n * size;
      weights.push({ spec: w, values: w.dtype === 'float32' ? new Float32Array(copy) : new Int32Array(copy) });
    }
    if (off !== data.length) throw new Error(`weight group ${group.paths[0]} holds ${data.length} bytes, its manifest ${off}`);
  }
  // 2. Per-channel ranges folded into the BatchNorms (see the header).
  const byName = new Map(weights.map((w) => [w.spec.name, w]));
  let equalized = 0;
  for (const p of convBnPairs(modelJson)) {
    const kernel = byName.get(`${p.conv}/${p.kernel}`);
    const get = (n) => byName.get(`${p.bn}/${n}`)?.values;
    const mean = get('moving_mean');
    const variance = get('moving_variance');
    if (!kernel || kernel.spec.shape.length !== 4 || !mean || !variance || typeof p.epsilon !== 'number') continue;
    const bias = p.useBias ? byName.get(`${p.conv}/bias`)?.values : undefined;
    const [, , c, m] = kernel.spec.shape;
    equalizeChannels(kernel.values, p.kernel === 'kernel' ? m : c * m, { mean, variance, epsilon: p.epsilon }, bias);
    equalized++;
  }
  // 2b. The rounding's expected shift of each output channel, folded back (see `correctBias`).
  const stats0 = { corrected: 0 };
  if (biasCorrection) stats0.corrected = correctBias(modelJson, byName, keep);
  // 3. uint8 for every tensor of two or more dimensions, float32 for the rest.
  const specs = [];
  const parts = [];
  const stats = { quantized: 0, kept: 0, quantizedValues: 0, keptValues: 0, equalized, ...(biasCorrection ? stats0 : {}) };
  for (const { spec: w, values } of weights) {
    if (w.dtype !== 'float32' || keep(w)) {
      specs.push({ name: w.name, shape: w.shape, dtype: w.dtype });
      parts.push(Buffer.from(values.buffer));
      stats.kept++;
      stats.keptValues += values.length;
      continue;
    }
    const { q, min, scale } = quantizeUint8(values);
    specs.push({ name: w.name, shape: w.shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale } });
    parts.push(Buffer.from(q.buffer));
    stats.quantized++;
    stats.quantizedValues += values.length;
  }
  const all = Buffer.concat(parts);
  const count = Math.max(1, Math.ceil(all.length / SHARD_BYTES));
  const files = new Map();
  const paths = [];
  for (let i = 0; i < count; i++) {
    const name = `group1-shard${i + 1}of${count}.bin`;
    paths.push(name);
    files.set(name, all.subarray(i * SHARD_BYTES, Math.min(all.length, (i + 1) * SHARD_BYTES)));
  }
  const out = {
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    derivedBy: about,
    modelTopology: modelJson.modelTopology,
    weightsManifest: [{ paths, weights: specs }],
  };
  files.set('model.json', Buffer.from(JSON.stringify(out), 'utf8'));
  return { files, stats };
}
