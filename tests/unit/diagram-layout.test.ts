import { describe, expect, it } from 'vitest';
import { analyze, getModel } from '../../src/lib/arch';
import { channelWidth, isCollapsible, spatialHeight } from '../../src/lib/diagram/glyph-sizes';
import { collapsedGlyphCount, layoutFlow, markerPoint } from '../../src/lib/diagram/flow-layout';
import { layoutStack } from '../../src/lib/diagram/stack-layout';

const vgg16 = analyze(getModel('vgg16'));
const resnet50 = analyze(getModel('resnet50'));
const resnet152 = analyze(getModel('resnet152'));
const plain34 = analyze(getModel('plain34'));

const overlaps = (a: { x: number; w: number }, b: { x: number; w: number }): boolean => a.x < b.x + b.w && b.x < a.x + a.w;

describe('scales', () => {
  it('grow with the tensor and stay readable at both ends', () => {
    expect(spatialHeight(224)).toBeGreaterThan(spatialHeight(56));
    expect(spatialHeight(56)).toBeGreaterThan(spatialHeight(7));
    expect(spatialHeight(1)).toBeGreaterThanOrEqual(10);
    expect(spatialHeight(224)).toBeLessThanOrEqual(90);
    expect(channelWidth(2048)).toBeGreaterThan(channelWidth(64));
    expect(channelWidth(3)).toBeGreaterThanOrEqual(5);
    expect(channelWidth(4096)).toBeLessThanOrEqual(40);
  });
});

describe('layoutFlow', () => {
  it('gives VGG-16 one glyph per layer (nothing to collapse)', () => {
    const l = layoutFlow(vgg16);
    expect(l.glyphs).toHaveLength(vgg16.steps.length);
    expect(l.arcs).toHaveLength(0);
    expect(l.stages.map((s) => s.name)).toEqual(vgg16.stages.map((s) => s.name));
  });

  it('collapses every ResNet-50 bottleneck to one glyph with a skip arc', () => {
    const l = layoutFlow(resnet50);
    const residual = resnet50.blocks.filter(isCollapsible);
    expect(residual).toHaveLength(16);
    expect(l.glyphs.filter((g) => g.kind === 'block')).toHaveLength(16);
    expect(l.glyphs).toHaveLength(collapsedGlyphCount(resnet50));
    // stem (conv, bn, relu, pool) + 16 blocks + head (avg pool, fc, softmax)
    expect(l.glyphs).toHaveLength(4 + 16 + 3);
    expect(l.arcs).toHaveLength(16);
    expect(l.arcs.filter((a) => a.shortcut === 'projection')).toHaveLength(4);
  });

  it('maps every step to the glyph that shows it', () => {
    const l = layoutFlow(resnet50);
    resnet50.steps.forEach((s) => {
      const g = l.glyphs[l.glyphOfStep[s.index]!]!;
      expect(s.index).toBeGreaterThanOrEqual(g.first);
      expect(s.index).toBeLessThanOrEqual(g.last);
    });
  });

  it('expands a block into its layers, shortcut layers on the arc', () => {
    const collapsed = layoutFlow(resnet50);
    const first = resnet50.blocks.findIndex(isCollapsible);
    const b = resnet50.blocks[first]!;
    const l = layoutFlow(resnet50, new Set([first]));
    expect(l.glyphs).toHaveLength(collapsed.glyphs.length + (b.last - b.first));
    const side = l.glyphs.filter((g) => g.shortcut);
    expect(side.map((g) => g.key)).toEqual(['conv2_block1_0_conv', 'conv2_block1_0_bn']);
    const arc = l.arcs.find((a) => a.block === first)!;
    expect(arc.collapsed).toBe(false);
    // Shortcut glyphs sit above the main path, between the arc's ends.
    for (const g of side) {
      expect(g.y + g.h).toBeLessThan(l.centerY - 20);
      expect(g.x).toBeGreaterThan(arc.x1);
      expect(g.x + g.w).toBeLessThan(arc.x2);
    }
    const add = l.glyphs.find((g) => g.key === 'conv2_block1_add')!;
    expect(arc.x2).toBeCloseTo(add.x + add.w / 2);
    expect(l.brackets.map((k) => k.block)).toEqual([first]);
  });

  it('lays main-path glyphs left to right without overlap, fully expanded too', () => {
    const all = new Set(resnet152.blocks.map((_, i) => i));
    const l = layoutFlow(resnet152, all);
    expect(l.glyphs).toHaveLength(resnet152.steps.length);
    expect(resnet152.steps.length).toBeGreaterThan(500);
    const main = l.glyphs.filter((g) => !g.shortcut);
    for (let i = 1; i < main.length; i++) {
      expect(main[i]!.x).toBeGreaterThan(main[i - 1]!.x + main[i - 1]!.w);
    }
    expect(l.width).toBeGreaterThan(main.at(-1)!.x + main.at(-1)!.w);
    const side = l.glyphs.filter((g) => g.shortcut);
    for (let i = 1; i < side.length; i++) expect(overlaps(side[i - 1]!, side[i]!)).toBe(false);
  });

  it('draws plain nets without arcs but still collapses their blocks', () => {
    const l = layoutFlow(plain34);
    expect(l.arcs).toHaveLength(0);
    expect(l.glyphs.filter((g) => g.kind === 'block')).toHaveLength(16);
  });

  it('sizes glyphs by their output tensor', () => {
    const l = layoutFlow(vgg16);
    const byKey = new Map(l.glyphs.map((g) => [g.key, g]));
    const c11 = byKey.get('block1_conv1')!;
    const c53 = byKey.get('block5_conv3')!;
    expect(c11.h).toBeGreaterThan(c53.h); // 224 vs 14 px
    expect(c53.w).toBeGreaterThan(c11.w); // 512 vs 64 channels
    expect(byKey.get('block1_conv1_relu')!.w).toBeLessThan(c11.w);
  });
});

describe('markerPoint', () => {
  it('walks across a collapsed block as the steps advance', () => {
    const l = layoutFlow(resnet50);
    const b = resnet50.blocks[1]!;
    const a = markerPoint(l, b.first);
    const z = markerPoint(l, b.last);
    const g = l.glyphs[l.glyphOfStep[b.first]!]!;
    expect(a.x).toBeGreaterThan(g.x);
    expect(z.x).toBeLessThan(g.x + g.w);
    expect(z.x).toBeGreaterThan(a.x);
  });
});

describe('layoutStack', () => {
  it('puts VGG-16 and ResNet-50 on one scale of MACs', () => {
    const s = layoutStack([vgg16, resnet50], 'macs', { height: 500 });
    const [v, r] = s.columns;
    expect(v!.height).toBeCloseTo(500);
    expect(v!.height / r!.height).toBeCloseTo(vgg16.totals.macs / resnet50.totals.macs);
    for (const c of s.columns) {
      const sum = c.segments.reduce((a, g) => a + g.h, 0);
      expect(sum).toBeCloseTo(c.height);
      expect(c.segments.reduce((a, g) => a + g.value, 0)).toBe(c.total);
    }
  });

  it('shows fc1 as the bulk of VGG-16 by parameters', () => {
    const s = layoutStack([vgg16, resnet50], 'params');
    const fc1 = s.columns[0]!.segments.find((g) => g.key === 'fc1')!;
    expect(fc1.h / s.columns[0]!.height).toBeGreaterThan(0.7);
    expect(s.columns[1]!.height).toBeLessThan(s.columns[0]!.height / 4);
  });
});
