import { describe, it, expect } from 'vitest';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { sortModels, nextSort, toCsv, toJson, COLUMNS } from '../../src/lib/zoo/table';

const names = (by: Parameters<typeof sortModels>[1], dir: Parameters<typeof sortModels>[2]) =>
  sortModels(KERAS_MODELS, by, dir).map((m) => m.name);

describe('sortable table', () => {
  it('sorts numbers both ways', () => {
    expect(names('paramsM', 'ascending').slice(0, 3)).toEqual(['MobileNetV2', 'MobileNet', 'NASNetMobile']);
    expect(names('paramsM', 'descending')[0]).toBe('VGG19');
    expect(names('top1', 'descending').slice(0, 2)).toEqual(['EfficientNetB5', 'EfficientNetB4']);
    expect(names('cpuMs', 'ascending')[0]).toBe('MobileNet');
  });

  it('keeps the table order on ties (VGG16 and VGG19 share 71.3% top-1 with MobileNetV2)', () => {
    const tied = sortModels(KERAS_MODELS, 'top1', 'ascending').filter((m) => m.top1 === 71.3).map((m) => m.name);
    expect(tied).toEqual(['VGG16', 'VGG19', 'MobileNetV2']);
  });

  it('sorts names alphabetically and families in legend order', () => {
    expect(names('name', 'ascending')[0]).toBe('DenseNet121');
    expect(names('family', 'ascending').slice(0, 3)).toEqual(['VGG16', 'VGG19', 'ResNet50']);
  });

  it('flips on a second click, starts numbers descending and text ascending', () => {
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'top1')).toEqual({ by: 'top1', dir: 'ascending' });
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'cpuMs')).toEqual({ by: 'cpuMs', dir: 'descending' });
    expect(nextSort({ by: 'top1', dir: 'descending' }, 'name')).toEqual({ by: 'name', dir: 'ascending' });
  });

  it('exports CSV with a header and 24 rows of raw numbers', () => {
    const lines = toCsv().trimEnd().split('\r\n');
    expect(lines).toHaveLength(25);
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
