// Clicks and menu choices made before an island hydrated (src/lib/early-clicks.ts), on a small fake
// DOM: the last one is kept on the island, the control is marked while it waits, and the component
// takes it once when it mounts.
import { describe, expect, it } from 'vitest';
import { earlyChoice, keepEarlyClicks, takeEarlyClick } from '../../src/lib/early-clicks';

/** Just enough of the DOM: elements with a tag, attributes, a parent, children and a value. */
class El {
  attrs = new Map<string, string>();
  children: El[] = [];
  value = '';
  constructor(
    readonly tagName: string,
    readonly parent: El | null = null,
  ) {
    parent?.children.push(this);
  }
  getAttribute = (n: string) => this.attrs.get(n) ?? null;
  setAttribute = (n: string, v: string) => void this.attrs.set(n, v);
  removeAttribute = (n: string) => void this.attrs.delete(n);
  hasAttribute = (n: string) => this.attrs.has(n);
  private matches(sel: string): boolean {
    const attr = /^\[(.+)\]$/.exec(sel)?.[1];
    return attr ? this.attrs.has(attr) : this.tagName.toLowerCase() === sel;
  }
  closest(sel: string): El | null {
    return this.matches(sel) ? this : (this.parent?.closest(sel) ?? null);
  }
  querySelector(sel: string): El | null {
    for (const c of this.children) {
      const hit = c.matches(sel) ? c : c.querySelector(sel);
      if (hit) return hit;
    }
    return null;
  }
}

const setup = () => {
  const listeners = new Map<string, (e: Event) => void>();
  keepEarlyClicks({ addEventListener: (t: string, l: unknown) => listeners.set(t, l as (e: Event) => void) } as Pick<
    Document,
    'addEventListener'
  >);
  const island = new El('ASTRO-ISLAND');
  const root = new El('DIV', island);
  const start = new El('BUTTON', root);
  start.setAttribute('data-early-click', 'race-start');
  const menu = new El('SELECT', root);
  menu.setAttribute('data-early-click', 'gallery');
  const fire = (type: 'click' | 'change', target: El) => {
    let prevented = false;
    listeners.get(type)!({ type, target, preventDefault: () => (prevented = true) } as unknown as Event);
    return prevented;
  };
  return { island, root, start, menu, fire };
};

describe('clicks and choices before hydration', () => {
  it('keeps a button’s click, marks the button meanwhile, and hands the click over once', () => {
    const { island, root, start, fire } = setup();
    expect(fire('click', start)).toBe(true);
    expect(start.hasAttribute('data-early-clicked')).toBe(true);
    expect(island.getAttribute('data-queued-click')).toBe('race-start');
    expect(takeEarlyClick(root as unknown as Element)).toBe('race-start');
    expect(start.hasAttribute('data-early-clicked')).toBe(false);
    expect(takeEarlyClick(root as unknown as Element)).toBeNull();
  });

  it('keeps a menu’s choice as action:value on change, and leaves its click alone (it opens the menu)', () => {
    const { root, menu, fire } = setup();
    expect(fire('click', menu)).toBe(false);
    menu.value = 'coffee.jpg';
    expect(fire('change', menu)).toBe(false);
    expect(menu.hasAttribute('data-early-clicked')).toBe(true);
    const action = takeEarlyClick(root as unknown as Element);
    expect(action).toBe('gallery:coffee.jpg');
    expect(earlyChoice(action, 'gallery')).toBe('coffee.jpg');
  });

  it('keeps only the last action, and marks only its control', () => {
    const { root, start, menu, fire } = setup();
    menu.value = 'cat.jpg';
    fire('change', menu);
    fire('click', start);
    expect(menu.hasAttribute('data-early-clicked')).toBe(false);
    expect(start.hasAttribute('data-early-clicked')).toBe(true);
    expect(takeEarlyClick(root as unknown as Element)).toBe('race-start');
  });

  it('leaves a button’s change and every event after the component mounted alone', () => {
    const { island, root, start, menu, fire } = setup();
    fire('change', start);
    expect(island.hasAttribute('data-queued-click')).toBe(false);
    expect(takeEarlyClick(root as unknown as Element)).toBeNull();
    expect(fire('click', start)).toBe(false);
    fire('change', menu);
    expect(island.hasAttribute('data-queued-click')).toBe(false);
  });

  it('reads a choice only for its own name', () => {
    expect(earlyChoice('tiny:12', 'tiny')).toBe('12');
    expect(earlyChoice('tiny:12', 'gallery')).toBeNull();
    expect(earlyChoice('race-start', 'race')).toBeNull();
    expect(earlyChoice(null, 'tiny')).toBeNull();
  });
});
