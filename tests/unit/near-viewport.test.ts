// onceNear (src/lib/near-viewport.ts): the engine's early start happens once, when the first marked
// demo nears the viewport, and not at all without one.
import { describe, expect, it } from 'vitest';
import { onceNear, type ObserverLike } from '../../src/lib/near-viewport';

function fakeObserver() {
  const made: { callback: (e: { isIntersecting: boolean }[]) => void; margin: string; watched: Element[]; stopped: boolean }[] = [];
  const Observer = class {
    private readonly me;
    constructor(callback: (e: { isIntersecting: boolean }[]) => void, options: { rootMargin: string }) {
      this.me = { callback, margin: options.rootMargin, watched: [] as Element[], stopped: false };
      made.push(this.me);
    }
    observe(el: Element) {
      this.me.watched.push(el);
    }
    disconnect() {
      this.me.stopped = true;
    }
  } as unknown as ObserverLike;
  return { Observer, made };
}

const el = () => ({}) as Element;

describe('onceNear', () => {
  it('starts once, as the first element comes near, and stops watching', () => {
    const { Observer, made } = fakeObserver();
    let starts = 0;
    const a = el();
    const b = el();
    onceNear([a, b], () => starts++, '300px', Observer);
    expect(made[0]).toMatchObject({ margin: '300px', watched: [a, b], stopped: false });
    made[0]!.callback([{ isIntersecting: false }]);
    expect(starts).toBe(0);
    made[0]!.callback([{ isIntersecting: false }, { isIntersecting: true }]);
    expect([starts, made[0]!.stopped]).toEqual([1, true]);
  });

  it('watches nothing on a page without such a demo, or without IntersectionObserver', () => {
    const { Observer, made } = fakeObserver();
    onceNear([], () => {}, '300px', Observer);
    expect(made).toEqual([]);
    expect(() => onceNear([el()], () => {}, '300px', undefined)).not.toThrow();
  });
});
