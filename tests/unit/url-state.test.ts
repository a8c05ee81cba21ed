import { describe, expect, it } from 'vitest';
import { bool, defineUrlState, int, list, num, oneOf, text } from '../../src/lib/url-state';

const figure = defineUrlState('fig', {
  model: { codec: oneOf(['vgg16', 'resnet50']), default: 'vgg16' },
  step: { codec: int(0, 20), default: 0 },
  lr: { codec: num(0, 1), default: 0.1 },
  open: { codec: bool, default: false },
  pins: { codec: list(text(), 2), default: [] as readonly string[] },
});

describe('url-state: one declarative table per figure, prefixed keys', () => {
  it('reads defaults from an empty query and writes nothing for them', () => {
    expect(figure.read('')).toEqual({ model: 'vgg16', step: 0, lr: 0.1, open: false, pins: [] });
    expect(figure.write(figure.defaults).toString()).toBe('');
  });

  it('round-trips a state under the figure prefix, leaving other keys alone', () => {
    const state = { model: 'resnet50' as const, step: 12, lr: 0.01, open: true, pins: ['a', 'b'] };
    const q = figure.write(state, new URLSearchParams('other=1&model=x'));
    expect(q.get('fig.model')).toBe('resnet50');
    expect(q.get('other')).toBe('1');
    expect(q.get('model')).toBe('x');
    expect(figure.read(q)).toEqual(state);
  });

  it('falls back to the default for values it cannot read, clamps integers, keeps the last list items', () => {
    const s = figure.read('?fig.model=alexnet&fig.step=99&fig.lr=5&fig.open=maybe&fig.pins=a,%20b,a,c!,d');
    expect(s).toEqual({ model: 'vgg16', step: 20, lr: 0.1, open: false, pins: ['b', 'd'] });
    expect(figure.read('fig.step=2.5').step).toBe(0);
  });

  it('rewrites an href keeping its path and hash', () => {
    const href = figure.href({ ...figure.defaults, step: 3 }, 'https://x.test/vgg/?a=1#fig-2');
    expect(href).toBe('https://x.test/vgg/?a=1&fig.step=3#fig-2');
    expect(figure.param('step')).toBe('fig.step');
  });
});
