import { describe, it, expect } from 'vitest';
import { decodeState, encodeState, togglePin, DEFAULT_STATE, type ZooState } from '../../src/lib/zoo/url-state';

describe('chart state in the URL', () => {
  it('round-trips every field', () => {
    const state: ZooState = { x: 'cpu', y: 'top5', scale: 'linear', hidden: ['DenseNet', 'NASNet'], pinned: ['VGG16', 'ResNet50'] };
    const params = encodeState(state);
    expect(params.toString()).toBe('x=cpu&y=top5&scale=linear&hide=DenseNet%2CNASNet&pin=VGG16%2CResNet50');
    expect(decodeState(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('writes nothing for the defaults and reads an empty query as the defaults', () => {
    expect(encodeState(DEFAULT_STATE).toString()).toBe('');
    expect(decodeState(new URLSearchParams(''))).toEqual(DEFAULT_STATE);
  });

  it('keeps other query keys and replaces its own', () => {
    const out = encodeState({ ...DEFAULT_STATE, x: 'gpu' }, new URLSearchParams('lang=en&x=depth&pin=VGG16'));
    expect(out.toString()).toBe('lang=en&x=gpu');
  });

  it('ignores malformed values instead of breaking', () => {
    const s = decodeState(new URLSearchParams('x=flops&y=top3&scale=sqrt&hide=VGG,Nope,,VGG&pin=ResNet50,Bogus,VGG16,VGG19'));
    expect(s).toEqual({ ...DEFAULT_STATE, hidden: ['VGG'], pinned: ['ResNet50', 'VGG16'] });
  });

  it('orders hidden families as the legend does', () => {
    expect(decodeState(new URLSearchParams('hide=NASNet,VGG')).hidden).toEqual(['VGG', 'NASNet']);
  });

  it('pins at most two models, dropping the oldest, and unpins on a second click', () => {
    expect(togglePin([], 'VGG16')).toEqual(['VGG16']);
    expect(togglePin(['VGG16'], 'ResNet50')).toEqual(['VGG16', 'ResNet50']);
    expect(togglePin(['VGG16', 'ResNet50'], 'ResNet101')).toEqual(['ResNet50', 'ResNet101']);
    expect(togglePin(['VGG16', 'ResNet50'], 'VGG16')).toEqual(['ResNet50']);
  });
});
