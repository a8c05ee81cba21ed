import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, getModel, type Shape } from '../../src/lib/arch';
import { ZeroPadShortcut, buildModel, countTrainable } from '../../src/lib/arch/tfjs-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Build, run a check, dispose; tf.memory() must come back to where it was. */
function withModel(id: string, opts: Parameters<typeof buildModel>[1], check: (m: tf.LayersModel) => void): void {
  const before = tf.memory().numTensors;
  const model = buildModel(getModel(id), opts);
  try {
    check(model);
  } finally {
    model.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
}

const expectedShape = (s: Shape): (number | null)[] => (s.h === 1 && s.w === 1 ? [null, s.c] : [null, s.h, s.w, s.c]);

describe('buildModel: the tfjs model of a spec', () => {
  // 'zeros' skips random initialisation: counts and shapes are the same, and VGG's 100M-weight fc1
  // builds in a fraction of a second instead of ~9 s on the cpu backend.
  it.each([
    ['resnet18', 11_703_912],
    ['resnet50', 25_636_712],
    ['vgg11', 132_863_336],
    ['cifar-resnet20', 271_786],
  ])('%s: countParams() equals the spec (Keras convention: %i)', (id, n) => {
    expect(analyze(getModel(id)).totals.paramsKeras).toBe(n);
    withModel(id, { init: 'zeros' }, (m) => expect(m.countParams()).toBe(n));
  });

  it.each([
    ['resnet18', 11_689_512],
    ['resnet50', 25_557_032],
    ['cifar-resnet20', 269_722],
  ])('%s without conv biases: trainable weights equal the torchvision count %i', (id, n) => {
    const m = analyze(getModel(id));
    const movingStats = m.steps.reduce((a, s) => a + s.nonTrainableKeras, 0);
    withModel(id, { convention: 'torchvision', init: 'zeros' }, (model) => {
      expect(countTrainable(model)).toBe(n);
      expect(model.countParams()).toBe(n + movingStats);
    });
  });

  it('VGG-11 at 32×32: its fc1 shrinks to 512×4096 in the spec and in the model alike', () => {
    const input = { h: 32, w: 32, c: 3 };
    const n = analyze(getModel('vgg11'), input).totals.params;
    expect(n).toBe(32_200_040);
    withModel('vgg11', { input, init: 'zeros' }, (m) => expect(m.countParams()).toBe(n));
  });

  it.each(['resnet50', 'vgg16', 'cifar-resnet20', 'plain34'])('%s: every named layer outputs the shape the spec infers', (id) => {
    const spec = getModel(id);
    const a = analyze(spec);
    withModel(id, { init: 'zeros' }, (m) => {
      expect(m.outputs[0]?.shape).toEqual([null, spec.classes]);
      for (const step of a.steps) expect(m.getLayer(step.id).outputShape).toEqual(expectedShape(step.outShape));
    });
  });

  it('ResNet-50 at 160×160: stage outputs follow the input size', () => {
    withModel('resnet50', { input: { h: 160, w: 160, c: 3 }, init: 'zeros' }, (m) => {
      expect(m.getLayer('conv2_block3_out').outputShape).toEqual([null, 40, 40, 256]);
      expect(m.getLayer('conv5_block3_out').outputShape).toEqual([null, 5, 5, 2048]);
      // Stride-2 convs get an explicit symmetric padding layer, as in PyTorch and Keras.
      expect(m.getLayer('conv1_conv_pad').outputShape).toEqual([null, 166, 166, 3]);
    });
  });

  it('runs CIFAR ResNet-20 (random init) on a batch: probabilities per image, no leaked tensors', () => {
    withModel('cifar-resnet20', {}, (m) => {
      const probs = tf.tidy(() => {
        const y = m.predict(tf.randomNormal([2, 32, 32, 3])) as tf.Tensor;
        return { shape: y.shape, sums: Array.from(y.sum(1).dataSync()) };
      });
      expect(probs.shape).toEqual([2, 10]);
      for (const s of probs.sums) expect(s).toBeCloseTo(1, 5);
    });
  });
});

describe('ZeroPadShortcut (option A)', () => {
  it('keeps every 2nd pixel and appends zero channels', () => {
    const layer = new ZeroPadShortcut({ name: 'pad_test', filters: 4, stride: 2 });
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const x = tf.range(1, 1 + 4 * 4 * 2).reshape([1, 4, 4, 2]);
      const y = layer.apply(x) as tf.Tensor;
      return { shape: y.shape, values: Array.from(y.dataSync()) };
    });
    expect(out.shape).toEqual([1, 2, 2, 4]);
    // Pixel (0,0) = [1, 2], (0,2) = [5, 6], (2,0) = [17, 18], (2,2) = [21, 22], each padded with two zeros.
    expect(out.values).toEqual([1, 2, 0, 0, 5, 6, 0, 0, 17, 18, 0, 0, 21, 22, 0, 0]);
    expect(layer.computeOutputShape([null, 5, 5, 2])).toEqual([null, 3, 3, 4]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
