import { describe, it, expect } from 'vitest';
import { KERAS_MODELS, kerasRow } from '../../src/lib/data/keras-applications';
import { costAxis, metric } from '../../src/lib/zoo/axes';
import { leftOutNote, listNames, plottedFrontier, splitPlottable } from '../../src/lib/zoo/missing';

const CONVNEXT = ['ConvNeXtTiny', 'ConvNeXtSmall', 'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtXLarge'];

describe('the zoo chart with values the source does not give', () => {
  it('draws all 38 rows for parameters against top-1, and says nothing is left out', () => {
    const s = splitPlottable(KERAS_MODELS, costAxis('params'), metric('top1'));
    expect(s.points).toHaveLength(38);
    expect(s.leftOut).toEqual([]);
    expect(leftOutNote(s)).toBeNull();
  });

  it('leaves the five ConvNeXt rows out of the top-5 view and says so', () => {
    const s = splitPlottable(KERAS_MODELS, costAxis('params'), metric('top5'));
    expect(s.points).toHaveLength(33);
    expect(s.points.some((p) => CONVNEXT.includes(p.model.name))).toBe(false);
    expect(s.leftOut).toEqual([{ what: 'top-5 accuracy', models: CONVNEXT }]);
    expect(leftOutNote(s)).toBe(
      '5 models are left out of this view because the source gives no top-5 accuracy for them: ' +
        'ConvNeXtTiny, ConvNeXtSmall, ConvNeXtBase, ConvNeXtLarge and ConvNeXtXLarge.',
    );
  });

  it('never draws a missing value as zero: every point has both coordinates from the row', () => {
    for (const x of ['params', 'size', 'depth', 'cpu', 'gpu'] as const) {
      for (const y of ['top1', 'top5'] as const) {
        for (const p of splitPlottable(KERAS_MODELS, costAxis(x), metric(y)).points) {
          expect(p.x).toBe(costAxis(x).value(p.model));
          expect(p.y).toBe(metric(y).value(p.model));
          expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
        }
      }
    }
  });

  it('on CPU time against top-5, names the untimed rows once (a row missing both counts under the cost)', () => {
    const s = splitPlottable(KERAS_MODELS, costAxis('cpu'), metric('top5'));
    expect(s.points).toHaveLength(26);
    expect(s.leftOut).toHaveLength(1);
    expect(s.leftOut[0]!.what).toBe('CPU time');
    expect(s.leftOut[0]!.models).toHaveLength(12);
    expect(leftOutNote(s)).toMatch(
      /^12 models are left out of this view because the source gives no CPU time for them: EfficientNetV2B0, /,
    );
  });

  it('only counts the families shown, and handles one model', () => {
    const s = splitPlottable([kerasRow('ResNet50'), kerasRow('ConvNeXtBase')], costAxis('size'), metric('top5'));
    expect(s.points.map((p) => p.model.name)).toEqual(['ResNet50']);
    expect(leftOutNote(s)).toBe('1 model is left out of this view because the source gives no top-5 accuracy for it: ConvNeXtBase.');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listNames(['a'])).toBe('a');
  });

  it('the top-5 frontier is computed on the drawn points only', () => {
    const f = plottedFrontier(KERAS_MODELS, costAxis('params'), metric('top5')).map((m) => m.name);
    expect(f.some((n) => CONVNEXT.includes(n))).toBe(false);
    // With top-1, the largest ConvNeXt rows are on it.
    expect(
      plottedFrontier(KERAS_MODELS, costAxis('params'), metric('top1'))
        .map((m) => m.name)
        .slice(-2),
    ).toEqual(['ConvNeXtLarge', 'ConvNeXtXLarge']);
  });
});
