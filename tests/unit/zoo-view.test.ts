import { describe, it, expect } from 'vitest';
import { flushSync } from 'svelte';
import { ZOO_URL, togglePin, DEFAULT_VIEW, type ZooView } from '../../src/lib/zoo/view';
import { ZooState } from '../../src/components/zoo/zoo-state.svelte';
import { compareModels } from '../../src/lib/zoo/pin-comparison';
import { sortModels } from '../../src/lib/zoo/table';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';

const encode = (v: ZooView, params?: URLSearchParams) => ZOO_URL.write(v, params);
const decode = (q: string) => ZOO_URL.read(q);

describe('chart state in the URL', () => {
  it('round-trips every field', () => {
    const state: ZooView = { x: 'cpu', y: 'top5', scale: 'linear', hidden: ['DenseNet', 'NASNet'], pinned: ['VGG16', 'ResNet50'] };
    const params = encode(state);
    expect(params.toString()).toBe('zoo.x=cpu&zoo.y=top5&zoo.scale=linear&zoo.hidden=DenseNet%2CNASNet&zoo.pinned=VGG16%2CResNet50');
    expect(decode(params.toString())).toEqual(state);
  });

  it('writes nothing for the defaults and reads an empty query as the defaults', () => {
    expect(encode(DEFAULT_VIEW).toString()).toBe('');
    expect(decode('')).toEqual(DEFAULT_VIEW);
  });

  it('keeps other query keys and replaces its own', () => {
    const out = encode({ ...DEFAULT_VIEW, x: 'gpu' }, new URLSearchParams('lang=en&zoo.x=depth&zoo.pinned=VGG16'));
    expect(out.toString()).toBe('lang=en&zoo.x=gpu');
  });

  it('ignores malformed values instead of breaking', () => {
    const s = decode('zoo.x=flops&zoo.y=top3&zoo.scale=sqrt&zoo.hidden=VGG,Nope,,VGG&zoo.pinned=ResNet50,Bogus,VGG16,VGG19');
    expect(s).toEqual({ ...DEFAULT_VIEW, hidden: ['VGG'], pinned: ['ResNet50', 'VGG16'] });
  });

  it('orders hidden families as the legend does', () => {
    expect(decode('zoo.hidden=NASNet,VGG').hidden).toEqual(['VGG', 'NASNet']);
  });

  it('pins at most two models, dropping the oldest, and unpins on a second click', () => {
    expect(togglePin([], 'VGG16')).toEqual(['VGG16']);
    expect(togglePin(['VGG16'], 'ResNet50')).toEqual(['VGG16', 'ResNet50']);
    expect(togglePin(['VGG16', 'ResNet50'], 'ResNet101')).toEqual(['ResNet50', 'ResNet101']);
    expect(togglePin(['VGG16', 'ResNet50'], 'VGG16')).toEqual(['ResNet50']);
  });
});

describe('ZooState: the chart island’s logic', () => {
  it('reads a shared link and writes the view back, keeping the page’s other keys', () => {
    const s = new ZooState();
    s.readUrl('?zoo.x=cpu&zoo.pinned=VGG16,ResNet50&photo.p=1');
    expect(s.view.x).toBe('cpu');
    s.setMetric('top5');
    s.setScale('linear');
    expect(s.urlQuery('?photo.p=1&zoo.x=depth')).toBe('?photo.p=1&zoo.x=cpu&zoo.y=top5&zoo.scale=linear&zoo.pinned=VGG16%2CResNet50');
    s.readUrl('');
    expect(s.urlQuery('')).toBe('');
  });

  it('takes the axes and scale chosen before the chart hydrated over the link’s, ignoring anything unknown', () => {
    const s = new ZooState();
    s.readUrl('?zoo.x=size');
    s.applyEarly({ metric: 'top5', x: 'depth', scale: 'linear' });
    expect([s.view.y, s.view.x, s.view.scale]).toEqual(['top5', 'depth', 'linear']);
    s.applyEarly({ metric: 'top3', x: 'weight', scale: 'cubic' });
    expect([s.view.y, s.view.x, s.view.scale]).toEqual(['top5', 'depth', 'linear']);
  });

  it('compares two pinned models on the chosen axes', () => {
    const s = new ZooState();
    s.togglePin('VGG16');
    flushSync();
    expect(s.comparison).toBeNull();
    s.togglePin('ResNet50');
    flushSync();
    expect(s.comparison?.headline).toBe(compareModels('VGG16', 'ResNet50', 'params', 'top1').headline);
    s.setAxis('cpu');
    s.setAxis('flops'); // not an axis: ignored
    flushSync();
    expect(s.comparison?.headline).toBe('ResNet50 has 0.837× VGG16’s CPU time and +3.6 points top-1.');
    s.unpin('VGG16');
    flushSync();
    expect(s.comparison).toBeNull();
  });

  it('hiding a family unpins and stops inspecting its models', () => {
    const s = new ZooState();
    s.togglePin('VGG16');
    s.togglePin('ResNet50');
    s.inspect('VGG19', { x: 10, y: 20 });
    s.toggleFamily('VGG');
    flushSync();
    expect(s.view.hidden).toEqual(['VGG']);
    expect(s.view.pinned).toEqual(['ResNet50']);
    expect(s.inspected).toBeNull();
    s.toggleFamily('VGG');
    expect(s.view.hidden).toEqual([]);
  });

  it('says which rows a view leaves out, and nothing when all are drawn', () => {
    const s = new ZooState();
    flushSync();
    expect(s.missingNote).toBeNull();
    s.setMetric('top5');
    flushSync();
    expect(s.missingNote).toMatch(/left out of this view because the source gives no top-5 accuracy/);
  });

  it('sorts the table by the pressed column, flipping on a second press', () => {
    const s = new ZooState();
    flushSync();
    expect(s.rows[0]).toBe(sortModels(KERAS_MODELS, 'top1', 'descending')[0]);
    s.sortBy('paramsM');
    flushSync();
    expect(s.rows[0]).toBe(sortModels(KERAS_MODELS, 'paramsM', 'descending')[0]);
    s.sortBy('paramsM');
    flushSync();
    expect(s.sort).toEqual({ by: 'paramsM', dir: 'ascending' });
    expect(s.rows[0]).toBe(sortModels(KERAS_MODELS, 'paramsM', 'ascending')[0]);
  });

  it('inspects a model at a point and lets go', () => {
    const s = new ZooState();
    s.inspect('EfficientNetB0', { x: 5, y: 6 });
    flushSync();
    expect(s.inspectedModel?.name).toBe('EfficientNetB0');
    s.inspect(null, null);
    flushSync();
    expect(s.inspectedModel).toBeNull();
  });
});
