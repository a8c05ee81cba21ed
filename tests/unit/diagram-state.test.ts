import { describe, expect, it } from 'vitest';
import { analyze, getModel } from '../../src/lib/arch';
import { blockFacts, layerFacts, stepAnnouncement } from '../../src/lib/diagram/facts';
import { formatBytes } from '../../src/lib/format';
import { diagramUrl, readDiagramView as readState } from '../../src/lib/diagram/view';

const allowed = ['vgg16', 'resnet50'];
const writeState = (href: string, v: { model: string; step: number }) => diagramUrl(allowed, 'vgg16').href(v, href);

const count = (id: string): number => analyze(getModel(id)).steps.length;

describe('URL state', () => {
  it('restores a model and a step', () => {
    expect(readState('?diagram.model=resnet50&diagram.step=12', allowed, 'vgg16', count)).toEqual({ model: 'resnet50', step: 12 });
  });
  it('falls back on unknown models and clamps steps', () => {
    expect(readState('?diagram.model=alexnet&diagram.step=3', allowed, 'vgg16', count)).toEqual({ model: 'vgg16', step: 3 });
    expect(readState('?diagram.model=vgg16&diagram.step=9999', allowed, 'vgg16', count)).toEqual({
      model: 'vgg16',
      step: count('vgg16') - 1,
    });
    expect(readState('?diagram.step=-4', allowed, 'resnet50', count)).toEqual({ model: 'resnet50', step: 0 });
    expect(readState('', allowed, 'resnet50', count)).toEqual({ model: 'resnet50', step: 0 });
  });
  it('writes the state and keeps the rest of the URL', () => {
    const href = writeState('https://x.org/resnet/?lang=en#fig-steps', { model: 'resnet50', step: 7 });
    const url = new URL(href);
    expect(url.searchParams.get('diagram.model')).toBe('resnet50');
    expect(url.searchParams.get('diagram.step')).toBe('7');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.hash).toBe('#fig-steps');
  });
});

describe('facts', () => {
  const r50 = analyze(getModel('resnet50'));
  const v16 = analyze(getModel('vgg16'));
  it('describe a layer with exact counts and running totals', () => {
    const i = v16.byId.get('block5_conv3')!.index;
    const rows = Object.fromEntries(layerFacts(v16, i).map((f) => [f.label, f.value]));
    expect(rows['Output shape']).toBe('14×14×512 (from 14×14×512)');
    expect(rows['Parameters']).toBe('2,359,808');
    expect(rows['Receptive field']).toBe('196×196 px');
    const last = v16.steps.length - 1;
    const end = Object.fromEntries(layerFacts(v16, last).map((f) => [f.label, f.value]));
    expect(end['Parameters so far']).toBe('138,357,544 of 138,357,544');
  });
  it('describe a block with its shortcut', () => {
    const rows = Object.fromEntries(blockFacts(r50, 1).map((f) => [f.label, f.value]));
    expect(rows['Block']).toContain('projection shortcut');
    expect(rows['Output shape']).toBe('56×56×256 (from 56×56×64)');
  });
  it('announce steps in words', () => {
    expect(stepAnnouncement(r50, 0)).toMatch(/^Step 1 of 175: conv1_conv, 7×7 conv, 64 filters, stride 2/);
  });
  it('format bytes', () => {
    expect(formatBytes(802816)).toBe('803 kB');
    expect(formatBytes(12845056)).toBe('12.8 MB');
  });
});
