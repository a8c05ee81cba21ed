import { describe, expect, it } from 'vitest';
import { MODEL_IDS, analyze, formatShape, getModel, isModelId, listModels, cifarResnetSpec } from '../../src/lib/arch';

const shapeOf = (id: string, layer: string, input?: { h: number; w: number; c: number }) => {
  const step = analyze(getModel(id), input).byId.get(layer);
  if (!step) throw new Error(`no layer ${layer} in ${id}`);
  return formatShape(step.outShape);
};

describe('registry', () => {
  it('lists every model with a display name, and rejects unknown ids politely', () => {
    expect(listModels().map((m) => m.id)).toEqual([...MODEL_IDS]);
    expect(getModel('resnet50').name).toBe('ResNet-50');
    expect(getModel('plain34').name).toBe('Plain-34');
    expect(getModel('cifar-resnet20').name).toBe('ResNet-20 (CIFAR-10)');
    expect(isModelId('vgg16')).toBe(true);
    expect(isModelId('resnet51')).toBe(false);
    expect(() => getModel('resnet51')).toThrow(/Unknown model "resnet51"/);
    expect(() => cifarResnetSpec(21)).toThrow(/6n\+2/);
  });

  it('gives every layer a kind, a unique id, and inputs that come earlier in the walk', () => {
    for (const id of MODEL_IDS) {
      const m = analyze(getModel(id));
      const seen = new Set<string>(['input']);
      for (const s of m.steps) {
        expect(s.kind).toBe(s.spec.kind);
        expect(seen.has(s.id)).toBe(false);
        for (const i of s.inputs) expect(seen.has(i)).toBe(true);
        expect(s.inputs).toHaveLength(s.kind === 'add' ? 2 : 1);
        seen.add(s.id);
      }
      expect(m.byId.size).toBe(m.steps.length);
    }
  });
});

describe('stage output shapes', () => {
  it('VGG-16: final conv 14×14×512, then the pool gives 7×7×512', () => {
    expect(shapeOf('vgg16', 'block5_conv3')).toBe('14×14×512');
    expect(shapeOf('vgg16', 'block5_pool')).toBe('7×7×512');
    expect(shapeOf('vgg16', 'flatten')).toBe('1×1×25088');
    expect(formatShape(analyze(getModel('vgg16')).outShape)).toBe('1×1×1000');
  });

  it('ResNet-50 stages: 56×56×256, 28×28×512, 14×14×1024, 7×7×2048', () => {
    const m = analyze(getModel('resnet50'));
    expect(m.stages.map((s) => s.name)).toEqual(['conv1', 'conv2_x', 'conv3_x', 'conv4_x', 'conv5_x', 'head']);
    expect(m.stages.slice(1, 5).map((s) => formatShape(s.outShape))).toEqual(['56×56×256', '28×28×512', '14×14×1024', '7×7×2048']);
    expect(shapeOf('resnet50', 'conv1_conv')).toBe('112×112×64');
    expect(shapeOf('resnet50', 'pool1_pool')).toBe('56×56×64');
  });

  it('ResNet-50 has 16 bottleneck blocks; projections only where the shape changes', () => {
    const blocks = analyze(getModel('resnet50')).blocks.filter((b) => b.type === 'bottleneck');
    expect(blocks).toHaveLength(16);
    expect(blocks.filter((b) => b.shortcut === 'projection').map((b) => b.id)).toEqual([
      'conv2_block1',
      'conv3_block1',
      'conv4_block1',
      'conv5_block1',
    ]);
    // ResNet-18's first stage keeps 56×56×64: identity there, projections in later stages.
    const r18 = analyze(getModel('resnet18'))
      .blocks.filter((b) => b.shortcut === 'projection')
      .map((b) => b.id);
    expect(r18).toEqual(['conv3_block1', 'conv4_block1', 'conv5_block1']);
  });

  it('CIFAR ResNets: 32×32×16, 16×16×32, 8×8×64 with parameter-free option-A shortcuts', () => {
    const m = analyze(getModel('cifar-resnet20'));
    expect(m.stages.slice(1, 4).map((s) => formatShape(s.outShape))).toEqual(['32×32×16', '16×16×32', '8×8×64']);
    const pads = m.steps.filter((s) => s.kind === 'pad-shortcut');
    expect(pads.map((s) => `${formatShape(s.inShape)}→${formatShape(s.outShape)}`)).toEqual(['32×32×16→16×16×32', '16×16×32→8×8×64']);
    expect(pads.every((s) => s.params === 0 && s.paramsKeras === 0 && s.macs === 0)).toBe(true);
    expect(m.blocks.filter((b) => b.shortcut === 'zero-pad')).toHaveLength(2);
    expect(m.blocks.filter((b) => b.shortcut === 'identity')).toHaveLength(7);
  });

  it('infers shapes for any input size', () => {
    expect(shapeOf('resnet50', 'conv5_block3_out', { h: 160, w: 160, c: 3 })).toBe('5×5×2048');
    expect(shapeOf('resnet50', 'conv5_block3_out', { h: 225, w: 300, c: 3 })).toBe('8×10×2048');
    // VGG's first FC layer grows with the input: it flattens whatever the last pool gives.
    const small = analyze(getModel('vgg11'), { h: 32, w: 32, c: 3 });
    expect(formatShape(small.byId.get('block5_pool')?.outShape ?? { h: 0, w: 0, c: 0 })).toBe('1×1×512');
    expect(small.byId.get('fc1')?.params).toBe(512 * 4096 + 4096);
    expect(small.totals.params).toBe(132_863_336 - 48 * 512 * 4096);
    expect(() => analyze(getModel('vgg16'), { h: 16, w: 16, c: 3 })).toThrow(/too small/);
  });
});

describe('receptive field and jump', () => {
  it('VGG-16 conv5_3 sees 196×196 pixels with a jump of 16', () => {
    const conv53 = analyze(getModel('vgg16')).byId.get('block5_conv3');
    expect(conv53?.rf).toBe(196);
    expect(conv53?.jump).toBe(16);
  });

  it('grows by 2 per 3×3 conv at stride 1, and the pool doubles the jump', () => {
    const m = analyze(getModel('vgg16'));
    expect(m.byId.get('block1_conv1')?.rf).toBe(3);
    expect(m.byId.get('block1_conv2')?.rf).toBe(5);
    expect(m.byId.get('block1_pool')?.rf).toBe(6);
    expect(m.byId.get('block1_pool')?.jump).toBe(2);
    expect(m.byId.get('block5_pool')?.jump).toBe(32);
  });

  it('ResNet-50 stem: 7×7/2 conv then 3×3/2 pool → 11 px field, jump 4', () => {
    const m = analyze(getModel('resnet50'));
    expect(m.byId.get('conv1_conv')?.rf).toBe(7);
    expect(m.byId.get('pool1_pool')?.rf).toBe(11);
    expect(m.byId.get('pool1_pool')?.jump).toBe(4);
    expect(m.byId.get('conv5_block3_out')?.jump).toBe(32);
  });
});

describe('walk order, blocks and running totals', () => {
  it('a projection block walks its main path, then its shortcut, then add and ReLU', () => {
    const m = analyze(getModel('resnet18'));
    const b = m.blocks.find((x) => x.id === 'conv3_block1');
    if (!b) throw new Error('missing block');
    const ids = m.steps.slice(b.first, b.last + 1).map((s) => `${s.path}:${s.id}`);
    expect(ids).toEqual([
      'main:conv3_block1_1_conv',
      'main:conv3_block1_1_bn',
      'main:conv3_block1_1_relu',
      'main:conv3_block1_2_conv',
      'main:conv3_block1_2_bn',
      'shortcut:conv3_block1_0_conv',
      'shortcut:conv3_block1_0_bn',
      'trunk:conv3_block1_add',
      'trunk:conv3_block1_out',
    ]);
    expect(m.byId.get('conv3_block1_add')?.inputs).toEqual(['conv3_block1_2_bn', 'conv3_block1_0_bn']);
    // An identity block adds its own input: the previous block's output.
    expect(m.byId.get('conv3_block2_add')?.inputs).toEqual(['conv3_block2_2_bn', 'conv3_block1_out']);
    expect(m.blocks.find((x) => x.id === 'conv3_block2')?.inputId).toBe('conv3_block1_out');
    expect(m.blocks[0]?.inputId).toBe('input');
    const conv4 = m.stages.find((st) => st.id === 'conv4');
    expect(m.blocks[conv4?.firstBlock ?? -1]?.id).toBe('conv4_block1');
  });

  it('ResNet-152 has over 500 steps; blocks and stages tile them; the last running total is the total', () => {
    const m = analyze(getModel('resnet152'));
    expect(m.steps.length).toBeGreaterThan(500);
    expect(m.blocks[0]?.first).toBe(0);
    m.blocks.forEach((b, i) => {
      if (i > 0) expect(b.first).toBe((m.blocks[i - 1]?.last ?? -2) + 1);
    });
    expect(m.blocks.at(-1)?.last).toBe(m.steps.length - 1);
    expect(m.steps.at(-1)?.cumulative).toEqual(m.totals);
    expect(m.stages.reduce((n, s) => n + s.totals.params, 0)).toBe(m.totals.params);
    expect(m.stages.reduce((n, s) => n + s.totals.macs, 0)).toBe(m.totals.macs);
    expect(m.blocks.reduce((n, b) => n + b.totals.paramsKeras, 0)).toBe(m.totals.paramsKeras);
  });

  it('counts activation memory in float32', () => {
    const m = analyze(getModel('vgg16'));
    const c11 = m.byId.get('block1_conv1');
    expect(c11?.outElements).toBe(224 * 224 * 64);
    expect(c11?.outBytes).toBe(224 * 224 * 64 * 4);
    expect(m.totals.activationBytes).toBe(4 * m.totals.activations);
    expect(m.totals.activations).toBe(m.steps.reduce((n, s) => n + s.outElements, 0));
  });

  it('describes each operation in words', () => {
    const m = analyze(getModel('resnet50'));
    expect(m.byId.get('conv1_conv')?.op).toBe('7×7 conv, 64 filters, stride 2');
    expect(m.byId.get('pool1_pool')?.op).toBe('3×3 max-pool, stride 2');
    expect(m.byId.get('predictions')?.op).toBe('fully connected, 1000 units');
    expect(m.byId.get('conv2_block1_add')?.op).toBe('add: F(x) + x');
  });

  it('memoises per spec and input size', () => {
    const spec = getModel('resnet101');
    expect(analyze(spec)).toBe(analyze(spec));
    expect(analyze(spec, { h: 128, w: 128, c: 3 })).not.toBe(analyze(spec));
  });
});
