import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { ILSVRC_WINNERS, VGG_2014, HUMAN_TOP5, ILSVRC_DATA } from '../../src/lib/data/ilsvrc';
import { SOURCES, source } from '../../src/lib/data/sources';

// The Keras Applications table exactly as issue 2 gives it (keras.io/api/applications).
const ISSUE_TABLE = `
| Xception | 88 | 79.0% | 94.5% | 22.9M | 81 | 109.4 | 8.1 |
| VGG16 | 528 | 71.3% | 90.1% | 138.4M | 16 | 69.5 | 4.2 |
| VGG19 | 549 | 71.3% | 90.0% | 143.7M | 19 | 84.8 | 4.4 |
| ResNet50 | 98 | 74.9% | 92.1% | 25.6M | 107 | 58.2 | 4.6 |
| ResNet50V2 | 98 | 76.0% | 93.0% | 25.6M | 103 | 45.6 | 4.4 |
| ResNet101 | 171 | 76.4% | 92.8% | 44.7M | 209 | 89.6 | 5.2 |
| ResNet101V2 | 171 | 77.2% | 93.8% | 44.7M | 205 | 72.7 | 5.4 |
| ResNet152 | 232 | 76.6% | 93.1% | 60.4M | 311 | 127.4 | 6.5 |
| ResNet152V2 | 232 | 78.0% | 94.2% | 60.4M | 307 | 107.5 | 6.6 |
| InceptionV3 | 92 | 77.9% | 93.7% | 23.9M | 189 | 42.2 | 6.9 |
| InceptionResNetV2 | 215 | 80.3% | 95.3% | 55.9M | 449 | 130.2 | 10.0 |
| MobileNet | 16 | 70.4% | 89.5% | 4.3M | 55 | 22.6 | 3.4 |
| MobileNetV2 | 14 | 71.3% | 90.1% | 3.5M | 105 | 25.9 | 3.8 |
| DenseNet121 | 33 | 75.0% | 92.3% | 8.1M | 242 | 77.1 | 5.4 |
| DenseNet169 | 57 | 76.2% | 93.2% | 14.3M | 338 | 96.4 | 6.3 |
| DenseNet201 | 80 | 77.3% | 93.6% | 20.2M | 402 | 127.2 | 6.7 |
| NASNetMobile | 23 | 74.4% | 91.9% | 5.3M | 389 | 27.0 | 6.7 |
| NASNetLarge | 343 | 82.5% | 96.0% | 88.9M | 533 | 344.5 | 20.0 |
| EfficientNetB0 | 29 | 77.1% | 93.3% | 5.3M | 132 | 46.0 | 4.9 |
| EfficientNetB1 | 31 | 79.1% | 94.4% | 7.9M | 186 | 60.2 | 5.6 |
| EfficientNetB2 | 36 | 80.1% | 94.9% | 9.2M | 186 | 80.8 | 6.5 |
| EfficientNetB3 | 48 | 81.6% | 95.7% | 12.3M | 210 | 140.0 | 8.8 |
| EfficientNetB4 | 75 | 82.9% | 96.4% | 19.5M | 258 | 308.3 | 15.1 |
| EfficientNetB5 | 118 | 83.6% | 96.7% | 30.6M | 312 | 579.2 | 25.3 |`;

const EXACT: Record<string, number> = {
  VGG16: 138_357_544, VGG19: 143_667_240, ResNet50: 25_636_712, ResNet101: 44_707_176,
  ResNet152: 60_419_944, ResNet50V2: 25_613_800, ResNet101V2: 44_675_560, ResNet152V2: 60_380_648,
  MobileNet: 4_253_864, MobileNetV2: 3_538_984, InceptionV3: 23_851_784, Xception: 22_910_480,
};

const expected = ISSUE_TABLE.trim().split('\n').map((line) => {
  const [name, size, top1, top5, params, depth, cpu, gpu] = line.split('|').map((c) => c.trim()).filter(Boolean);
  const num = (s: string | undefined) => Number.parseFloat(s ?? 'NaN');
  return { name, sizeMB: num(size), top1: num(top1), top5: num(top5), paramsM: num(params), depth: num(depth), cpuMs: num(cpu), gpuMs: num(gpu) };
});

describe('Keras Applications table', () => {
  it('has the 24 rows of the source, in its order', () => {
    expect(KERAS_MODELS).toHaveLength(24);
    expect(KERAS_MODELS.map((m) => m.name)).toEqual(expected.map((e) => e.name));
  });
  it('matches every value of the source table', () => {
    for (const e of expected) {
      const m = KERAS_MODELS.find((k) => k.name === e.name)!;
      expect({ name: m.name, sizeMB: m.sizeMB, top1: m.top1, top5: m.top5, paramsM: m.paramsM, depth: m.depth, cpuMs: m.cpuMs, gpuMs: m.gpuMs }).toEqual(e);
    }
  });
  it('has the exact parameter counts of the earlier version of the page, consistent with the rounded ones', () => {
    for (const m of KERAS_MODELS) {
      expect(m.paramsExact).toBe(EXACT[m.name]);
      if (m.paramsExact !== undefined) expect(Math.round(m.paramsExact / 1e5) / 10).toBe(m.paramsM);
    }
  });
});

describe('ILSVRC winners', () => {
  it('lists the 8 winners 2010–2017 with the issue’s top-5 errors', () => {
    expect(ILSVRC_WINNERS.map((w) => [w.year, w.team, w.top5Error, w.top5ErrorExtraData])).toEqual([
      [2010, 'NEC-UIUC', 28.2, undefined],
      [2011, 'XRCE', 25.8, undefined],
      [2012, 'SuperVision', 16.4, 15.3],
      [2013, 'Clarifai', 11.7, 11.2],
      [2014, 'GoogLeNet', 6.66, undefined],
      [2015, 'MSRA', 3.57, undefined],
      [2016, 'Trimps-Soushen', 2.99, undefined],
      [2017, 'WMW', 2.25, undefined],
    ]);
  });
  it('has VGG second in 2014 at 7.32%, and the human study’s figures', () => {
    expect([VGG_2014.place, VGG_2014.top5Error]).toEqual([2, 7.32]);
    expect(HUMAN_TOP5.trainedAnnotator).toBe(5.1);
    expect(HUMAN_TOP5.trainedAnnotatorImages).toBe(1500);
    expect(HUMAN_TOP5.secondAnnotator).toBe(12);
    expect(HUMAN_TOP5.secondAnnotatorImages).toBe(258);
    expect(ILSVRC_DATA.trainImages).toBe(1_281_167);
  });
});

describe('sources', () => {
  it('have unique ids', () => {
    const ids = SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('cover every id cited on a page or in a data file', () => {
    const files = [
      ...readdirSync('content').filter((f) => f.endsWith('.mdx')).map((f) => `content/${f}`),
      'src/lib/data/ilsvrc.ts',
    ];
    const cited = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/<Cite id="([^"]+)"/g)) for (const id of m[1]!.split(',')) cited.add(id.trim());
      for (const m of text.matchAll(/sources: \[([^\]]*)\]/g)) for (const id of m[1]!.matchAll(/'([^']+)'/g)) cited.add(id[1]!);
    }
    expect(cited.size).toBeGreaterThan(20);
    for (const id of cited) expect(() => source(id), id).not.toThrow();
  });
});
