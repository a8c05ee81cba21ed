import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { KERAS_MODELS, KERAS_SOURCE, kerasModel, kerasRow } from '../../src/lib/data/keras-applications';
import { layersWithParameters } from '../../src/lib/resnet-conventions';
import { ILSVRC_WINNERS, VGG_2014, HUMAN_TOP5, ILSVRC_DATA } from '../../src/lib/data/ilsvrc';
import { SOURCES, source } from '../../src/lib/data/sources';

// The "Available models" table of keras.io/api/applications (keras-io templates/api/applications/index.md),
// as published: every one of its 38 rows, "-" where the source gives no value.
const SOURCE_TABLE = `
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
| EfficientNetB5 | 118 | 83.6% | 96.7% | 30.6M | 312 | 579.2 | 25.3 |
| EfficientNetB6 | 166 | 84.0% | 96.8% | 43.3M | 360 | 958.1 | 40.4 |
| EfficientNetB7 | 256 | 84.3% | 97.0% | 66.7M | 438 | 1578.9 | 61.6 |
| EfficientNetV2B0 | 29 | 78.7% | 94.3% | 7.2M | - | - | - |
| EfficientNetV2B1 | 34 | 79.8% | 95.0% | 8.2M | - | - | - |
| EfficientNetV2B2 | 42 | 80.5% | 95.1% | 10.2M | - | - | - |
| EfficientNetV2B3 | 59 | 82.0% | 95.8% | 14.5M | - | - | - |
| EfficientNetV2S | 88 | 83.9% | 96.7% | 21.6M | - | - | - |
| EfficientNetV2M | 220 | 85.3% | 97.4% | 54.4M | - | - | - |
| EfficientNetV2L | 479 | 85.7% | 97.5% | 119.0M | - | - | - |
| ConvNeXtTiny | 109.42 | 81.3% | - | 28.6M | - | - | - |
| ConvNeXtSmall | 192.29 | 82.3% | - | 50.2M | - | - | - |
| ConvNeXtBase | 338.58 | 85.3% | - | 88.5M | - | - | - |
| ConvNeXtLarge | 755.07 | 86.3% | - | 197.7M | - | - | - |
| ConvNeXtXLarge | 1310 | 86.7% | - | 350.1M | - | - | - |`;

// Exact counts of the earlier version of the same page (keras-io commit 01b6d6c, "Parameters" as integers).
const EXACT: Record<string, number> = {
  Xception: 22_910_480,
  VGG16: 138_357_544,
  VGG19: 143_667_240,
  ResNet50: 25_636_712,
  ResNet101: 44_707_176,
  ResNet152: 60_419_944,
  ResNet50V2: 25_613_800,
  ResNet101V2: 44_675_560,
  ResNet152V2: 60_380_648,
  InceptionV3: 23_851_784,
  InceptionResNetV2: 55_873_736,
  MobileNet: 4_253_864,
  MobileNetV2: 3_538_984,
  DenseNet121: 8_062_504,
  DenseNet169: 14_307_880,
  DenseNet201: 20_242_984,
  NASNetMobile: 5_326_716,
  NASNetLarge: 88_949_818,
  EfficientNetB0: 5_330_571,
  EfficientNetB1: 7_856_239,
  EfficientNetB2: 9_177_569,
  EfficientNetB3: 12_320_535,
  EfficientNetB4: 19_466_823,
  EfficientNetB5: 30_562_527,
  EfficientNetB6: 43_265_143,
  EfficientNetB7: 66_658_687,
};

const expected = SOURCE_TABLE.trim()
  .split('\n')
  .map((line) => {
    const [name, size, top1, top5, params, depth, cpu, gpu] = line
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
    const num = (s: string | undefined) => (s === '-' ? null : Number.parseFloat(s ?? 'NaN'));
    return {
      name,
      sizeMB: num(size),
      top1: num(top1),
      top5: num(top5),
      paramsM: num(params),
      depth: num(depth),
      cpuMs: num(cpu),
      gpuMs: num(gpu),
    };
  });

describe('Keras Applications table', () => {
  it('has the 38 rows of the source, in its order', () => {
    expect(expected).toHaveLength(38);
    expect(KERAS_MODELS).toHaveLength(38);
    expect(KERAS_MODELS.map((m) => m.name)).toEqual(expected.map((e) => e.name));
  });
  it('matches every value of the source table, null where the source prints "-"', () => {
    for (const e of expected) {
      const m = KERAS_MODELS.find((k) => k.name === e.name)!;
      expect({
        name: m.name,
        sizeMB: m.sizeMB,
        top1: m.top1,
        top5: m.top5,
        paramsM: m.paramsM,
        depth: m.depth,
        cpuMs: m.cpuMs,
        gpuMs: m.gpuMs,
      }).toEqual(e);
    }
  });
  it('lacks top-5 exactly for the five ConvNeXt rows, and depth and timings for EfficientNetV2 and ConvNeXt', () => {
    expect(KERAS_MODELS.filter((m) => m.top5 === null).map((m) => m.name)).toEqual([
      'ConvNeXtTiny',
      'ConvNeXtSmall',
      'ConvNeXtBase',
      'ConvNeXtLarge',
      'ConvNeXtXLarge',
    ]);
    const untimed = KERAS_MODELS.filter((m) => m.cpuMs === null).map((m) => m.family);
    expect(untimed).toHaveLength(12);
    expect(new Set(untimed)).toEqual(new Set(['EfficientNetV2', 'ConvNeXt']));
  });
  it('has the exact parameter counts of the earlier version of the page, consistent with the rounded ones', () => {
    for (const m of KERAS_MODELS) {
      expect(m.paramsExact).toBe(EXACT[m.name]);
      if (m.paramsExact !== undefined) expect(Math.round(m.paramsExact / 1e5) / 10).toBe(m.paramsM);
    }
  });
  it('kerasModel() refuses a row with missing values, so prose can never print one', () => {
    expect(kerasModel('ResNet50').cpuMs).toBe(58.2);
    expect(kerasRow('ConvNeXtTiny').top5).toBeNull();
    expect(() => kerasModel('ConvNeXtTiny')).toThrow(/no top-5, depth or timing/);
    expect(() => kerasRow('ResNet49')).toThrow(/No model named/);
  });
  it('prints both of the source’s depth notes; the layers-with-parameters count matches the spec', () => {
    expect(KERAS_SOURCE.notes.depthCounts).toBe('Depth counts the number of layers with parameters.');
    expect(KERAS_SOURCE.notes.depth).toMatch(/^Depth refers to the topological depth/);
    // ResNet-50: 53 convolutions (49 on the main path + 4 projection shortcuts), 53 batch norms, 1 dense.
    const r50 = layersWithParameters('resnet50');
    expect(r50).toEqual({ conv: 53, bn: 53, fc: 1, total: 107, shortcutConvs: 4, paperDepth: 50 });
    for (const [id, name] of [
      ['resnet50', 'ResNet50'],
      ['resnet101', 'ResNet101'],
      ['resnet152', 'ResNet152'],
      ['vgg16', 'VGG16'],
      ['vgg19', 'VGG19'],
    ] as const) {
      expect(layersWithParameters(id).total).toBe(kerasModel(name).depth);
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
      ...readdirSync('content')
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => `content/${f}`),
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
