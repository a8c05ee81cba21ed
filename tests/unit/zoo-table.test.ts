import { describe, it, expect } from 'vitest';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { sortModels, nextSort, toCsv, toJson, COLUMNS } from '../../src/lib/zoo/table';

const names = (by: Parameters<typeof sortModels>[1], dir: Parameters<typeof sortModels>[2]) =>
  sortModels(KERAS_MODELS, by, dir).map((m) => m.name);

describe('sortable table', () => {
  it('sorts numbers both ways', () => {
    expect(names('paramsM', 'ascending').slice(0, 3)).toEqual(['MobileNetV2', 'MobileNet', 'NASNetMobile']);
    expect(names('paramsM', 'descending')[0]).toBe('ConvNeXtXLarge');
    expect(names('top1', 'descending').slice(0, 2)).toEqual(['ConvNeXtXLarge', 'ConvNeXtLarge']);
    expect(names('cpuMs', 'ascending')[0]).toBe('MobileNet');
  });

  it('puts rows without a value last in both directions', () => {
    for (const dir of ['ascending', 'descending'] as const) {
      const top5 = sortModels(KERAS_MODELS, 'top5', dir);
      expect(top5.slice(-5).map((m) => m.name)).toEqual([
        'ConvNeXtTiny',
        'ConvNeXtSmall',
        'ConvNeXtBase',
        'ConvNeXtLarge',
        'ConvNeXtXLarge',
      ]);
      expect(
        sortModels(KERAS_MODELS, 'cpuMs', dir)
          .slice(-12)
          .every((m) => m.cpuMs === null),
      ).toBe(true);
    }
    expect(names('top5', 'descending')[0]).toBe('EfficientNetV2L');
    expect(names('cpuMs', 'descending')[0]).toBe('EfficientNetB7');
  });

  it('prints a dash for a missing value, and the column knows it is missing', () => {
    const tiny = KERAS_MODELS.find((m) => m.name === 'ConvNeXtTiny')!;
    const col = (id: string) => COLUMNS.find((c) => c.id === id)!;
    expect(col('top5').format(tiny)).toBe('—');
    expect(col('top5').value?.(tiny)).toBeNull();
    expect(col('top1').format(tiny)).toBe('81.3');
    expect(col('sizeMB').format(tiny)).toBe('109.42');
  });

  it('keeps the table order on ties (VGG16 and VGG19 share 71.3% top-1 with MobileNetV2)', () => {
    const tied = sortModels(KERAS_MODELS, 'top1', 'ascending')
      .filter((m) => m.top1 === 71.3)
      .map((m) => m.name);
    expect(tied).toEqual(['VGG16', 'VGG19', 'MobileNetV2']);
  });

  it('sorts names alphabetically and families in legend order', () => {
    expect(names('name', 'ascending')[0]).toBe('ConvNeXtBase');
    expect(names('family', 'ascending').slice(0, 3)).toEqual(['VGG16', 'VGG19', 'ResNet50']);
  });

  it('flips on a second click, starts numbers descending and text ascending', () => {
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'top1')).toEqual({ by: 'top1', dir: 'ascending' });
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'cpuMs')).toEqual({ by: 'cpuMs', dir: 'descending' });
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'name')).toEqual({ by: 'name', dir: 'ascending' });
  });

  it('exports CSV with a header and one row per model of raw numbers, empty cells where the source has none', () => {
    const lines = toCsv().trimEnd().split('\r\n');
    expect(lines).toHaveLength(KERAS_MODELS.length + 1);
    expect(lines).toContain('ConvNeXtTiny,ConvNeXt,28.6,109.42,,81.3,,,');
    expect(lines[0]).toBe('name,family,params_millions,size_mb,depth,top1_percent,top5_percent,cpu_ms_per_step,gpu_ms_per_step');
    expect(lines[2]).toBe('VGG16,VGG,138.4,528,16,71.3,90.1,69.5,4.2');
  });

  it('exports JSON that parses back to the table, with its source', () => {
    const parsed = JSON.parse(toJson()) as { source: { url: string }; models: unknown[] };
    expect(parsed.source.url).toBe('https://keras.io/api/applications/');
    expect(parsed.models).toEqual(JSON.parse(JSON.stringify(KERAS_MODELS)));
  });

  it('has one column per field shown', () => {
    expect(COLUMNS.map((c) => c.id)).toEqual(['name', 'family', 'paramsM', 'sizeMB', 'depth', 'top1', 'top5', 'cpuMs', 'gpuMs']);
  });
});
