// The ResNet-50 probe's page-side pure parts: the photo in the URL, the residual summary's words, and
// the map helpers.
import { describe, expect, it } from 'vitest';
import { readPhoto, writePhoto } from '../../src/lib/probe/photo-url';
import { blockLabel, medianOf, residualSentences, summarizeResiduals } from '../../src/lib/probe/residual-summary';
import { blendCam, camSize, peakRegion, upsample } from '../../src/lib/probe/heatmap';
import { mapGrid, paintLevels, rangeOf } from '../../src/lib/inference/map-tiles';
import type { ResidualRatio } from '../../src/lib/probe/types';
import { GALLERY } from '../../src/lib/data/gallery';

describe('the photo in the URL', () => {
  const files = GALLERY.map((g) => g.file);
  it('reads gallery ids, own and classifier, and ignores the rest', () => {
    expect(readPhoto('?photo.choice=coffee&step=3', files)).toEqual({ kind: 'gallery', file: 'coffee.jpg' });
    expect(readPhoto('?photo.choice=own', files)).toEqual({ kind: 'own' });
    expect(readPhoto('?photo.choice=classifier', files)).toEqual({ kind: 'classifier' });
    expect(readPhoto('?photo.choice=nope', files)).toBeNull();
    expect(readPhoto('', files)).toBeNull();
  });
  it('writes it back beside the other parameters', () => {
    const href = writePhoto('https://x.test/resnet/?model=resnet50-keras&step=4#fig', { kind: 'gallery', file: 'chelsea.jpg' });
    expect(new URL(href).searchParams.get('photo.choice')).toBe('chelsea');
    expect(new URL(href).searchParams.get('step')).toBe('4');
    expect(new URL(href).hash).toBe('#fig');
    expect(new URL(writePhoto(href, null)).searchParams.has('photo.choice')).toBe(false);
  });
});

const ratio = (block: string, r: number, projection = false): ResidualRatio => ({
  block,
  stage: Number(block[4]),
  projection,
  branchNorm: r * 10,
  shortcutNorm: 10,
  ratio: r,
});

describe('the residual summary', () => {
  it('names the blocks that add most and least, from the numbers', () => {
    const s = summarizeResiduals([
      ratio('conv2_block1', 1.4, true),
      ratio('conv2_block2', 0.3),
      ratio('conv2_block3', 0.2),
      ratio('conv3_block1', 0.9, true),
    ])!;
    expect(s.most.block).toBe('conv2_block1');
    expect(s.least.block).toBe('conv2_block3');
    expect(s.median).toBeCloseTo(0.6);
    expect(s.below1).toBe(3);
    expect(s.meanIdentity).toBeCloseTo(0.25);
    expect(s.meanProjection).toBeCloseTo(1.15);
    const t = residualSentences(s);
    expect(t.findings).toContain('conv2_x block 1 adds the most: ‖F(x)‖ is 1.40 times ‖x‖');
    expect(t.findings).toContain('conv2_x block 3 adds the least, 0.20 times');
    expect(t.comparison).toMatch(/^3 of the 4 branches are smaller .* points the same way as He et al/);
    // Both sentences keep the caveat that He et al. measured another quantity (§4.2, Fig. 7).
    expect(t.comparison).toMatch(
      /standard deviation of each 3×3 layer’s output after batch normalisation, before the addition, on CIFAR-10: a different quantity\)$/,
    );
    expect(t.comparison).not.toMatch(/agrees with/);
  });
  it('says so when the branches are not small', () => {
    const s = summarizeResiduals([ratio('conv2_block2', 1.5), ratio('conv2_block3', 2), ratio('conv3_block2', 0.5)])!;
    expect(residualSentences(s).comparison).toMatch(/^Only 1 of the 3 branches .* unlike He et al.* a different quantity\)$/);
    expect(summarizeResiduals([])).toBeNull();
    expect(blockLabel('conv4_block6')).toBe('conv4_x block 6');
    expect(medianOf([3, 1, 2])).toBe(2);
  });
});

describe('map helpers', () => {
  it('put maps on one shared scale', () => {
    const { min, max } = rangeOf([new Float32Array([0, 2]), new Float32Array([4, 1])]);
    expect([min, max]).toEqual([0, 4]);
    const lut = Uint32Array.from({ length: 256 }, (_, i) => i);
    const out = new Uint32Array(3);
    paintLevels(out, [0, 2, 4], min, max, lut);
    expect([...out]).toEqual([0, 128, 255]);
    paintLevels(out, [-1, 9, 3], 0, 4, lut);
    expect([...out]).toEqual([0, 255, 191]);
    paintLevels(out, [3, 3, 3], 3, 3, lut);
    expect([...out]).toEqual([0, 0, 0]);
  });
  it('upsample a map bilinearly, keeping constant maps constant and the peak in place', () => {
    const flat = upsample(new Float32Array(49).fill(2), 7, 7, 224, 224);
    expect(flat.every((v) => Math.abs(v - 2) < 1e-6)).toBe(true);
    const map = new Float32Array(49);
    map[0] = 1;
    const big = upsample(map, 7, 7, 70, 70);
    expect(big[0]).toBeCloseTo(1);
    expect(big[69 * 70 + 69]).toBeCloseTo(0);
    expect(peakRegion(map, 7, 7)).toBe('top left');
    const centre = new Float32Array(49);
    centre[24] = 1;
    expect(peakRegion(centre, 7, 7)).toBe('centre');
  });
  it('lay out tiles in a grid that fits the width, with cells between their bounds', () => {
    const g = mapGrid(16, 640, { gap: 3, minCell: 44, maxCell: 92 });
    expect(g.cols).toBe(13);
    expect(g.rows).toBe(2);
    expect(g.width).toBeLessThanOrEqual(640);
    expect(g.cell).toBe(46);
    const row = mapGrid(6, 470, { cols: 6, gap: 3, minCell: 24, maxCell: 72 });
    expect([row.cols, row.rows, row.cell]).toEqual([6, 1, 72]);
    expect(row.width).toBe(6 * 72 + 5 * 3);
  });
  it('size the Grad-CAM picture from the photo, never above its own size', () => {
    expect(camSize(1024, 768, 560)).toEqual({ width: 480, height: 360 });
    expect(camSize(4032, 3024, 560)).toEqual({ width: 480, height: 360 });
    expect(camSize(300, 200, 560)).toEqual({ width: 300, height: 200 });
    expect(camSize(1024, 256, 560)).toEqual({ width: 560, height: 140 });
  });
  it('blend Grad-CAM over the photo: faint where there is no evidence, strongest colour at the peak', () => {
    const r = Uint8Array.from({ length: 256 }, (_, i) => i);
    const g = new Uint8Array(256);
    const b = new Uint8Array(256).fill(100);
    const photo = () => Uint8ClampedArray.from([200, 200, 200, 255, 200, 200, 200, 255, 200, 200, 200, 255]);
    const px = photo();
    blendCam(px, [0, 2, 4], 4, r, g, b);
    // Level 0 at 15% opacity, level 128 at 42.5%, level 255 at 70%; alpha untouched (±1: byte rounding).
    const want = (level: number, a: number) => [200 * (1 - a) + level * a, 200 * (1 - a), 200 * (1 - a) + 100 * a, 255];
    const near = (got: Uint8ClampedArray, exp: number[]) =>
      expect(
        [...got].every((v, i) => Math.abs(v - exp[i]!) <= 1),
        `${[...got]} vs ${exp}`,
      ).toBe(true);
    near(px.slice(0, 4), want(0, 0.15));
    near(px.slice(4, 8), want(128, 0.425));
    near(px.slice(8, 12), want(255, 0.7));
    // No positive evidence: the photo as it was.
    const none = photo();
    blendCam(none, [0, 0, 0], 0, r, g, b);
    expect(none).toEqual(photo());
  });
});
