// Clicks, menu choices and settings made before an island hydrated (src/lib/early-clicks.ts), on a
// small fake DOM: the last click is kept on the island, the control is marked while it waits, each
// setting keeps its latest value, and the component takes them once when it mounts.
import { describe, expect, it } from 'vitest';
import {
  earlyChecked,
  earlyChoice,
  earlyGalleryModel,
  earlyOneOf,
  queuedGalleryModel,
  keepEarlyClicks,
  takeEarly,
  takeEarlyClick,
  takeEarlySettings,
} from '../../src/lib/early-clicks';

/** Just enough of the DOM: elements with a tag, attributes, a parent, children, a value, a type and a checked state. */
class El {
  attrs = new Map<string, string>();
  children: El[] = [];
  value = '';
  type = '';
  checked = false;
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
  /** `tag`, `[attr]`, `[attr="v"]`, `[attr^="v"]`, optionally after a tag. */
  private matches(sel: string): boolean {
    const m = /^(\w+)?\[([\w-]+)(?:(\^?=)"([^"]*)")?\]$/.exec(sel);
    if (!m) return this.tagName.toLowerCase() === sel;
    const [, tag, attr, op, want] = m;
    const v = this.attrs.get(attr!);
    if ((tag && this.tagName.toLowerCase() !== tag) || v === undefined) return false;
    return op === '=' ? v === want : op === '^=' ? v.startsWith(want!) : true;
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
  const listeners: { type: string; listener: (e: Event) => void }[] = [];
  keepEarlyClicks({
    addEventListener: (type: string, l: unknown) => listeners.push({ type, listener: l as (e: Event) => void }),
  } as Pick<Document, 'addEventListener'>);
  const island = new El('ASTRO-ISLAND');
  const root = new El('DIV', island);
  const start = new El('BUTTON', root);
  start.setAttribute('data-early-click', 'race-start');
  const menu = new El('SELECT', root);
  menu.setAttribute('data-early-click', 'gallery');
  const fire = (type: 'click' | 'change' | 'input', target: El) => {
    let prevented = false;
    for (const l of listeners.filter((x) => x.type === type))
      l.listener({ type, target, preventDefault: () => (prevented = true) } as unknown as Event);
    return prevented;
  };
  /** A form control marked to keep its value under `name`. */
  const control = (tagName: string, name: string, type = '', value = '') => {
    const el = new El(tagName, root);
    el.setAttribute('data-early-setting', name);
    el.type = type;
    el.value = value;
    return el;
  };
  return { island, root, start, menu, fire, control };
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

  it('keeps a click on an element inside the button (its image or label), and none outside any island', () => {
    const { root, start, fire } = setup();
    const label = new El('SPAN', start);
    expect(fire('click', new El('P'))).toBe(false);
    expect(fire('click', label)).toBe(true);
    expect(takeEarlyClick(root as unknown as Element)).toBe('race-start');
    expect(takeEarlyClick(root as unknown as Element)).toBeNull();
    expect(fire('click', label)).toBe(false);
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

describe('settings changed before hydration', () => {
  it('keeps each control’s latest value (a field as typed, a menu, a checkbox, the checked radio) and hands them over once', () => {
    const { root, fire, control } = setup();
    const width = control('INPUT', 'width', 'number');
    const depth = control('SELECT', 'depth');
    const bn = control('INPUT', 'bn', 'checkbox');
    const [r224, r32] = [control('INPUT', 'side', 'radio', '224'), control('INPUT', 'side', 'radio', '32')];
    width.value = '1';
    fire('input', width);
    width.value = '12';
    fire('input', width);
    depth.value = '56';
    fire('change', depth);
    bn.checked = true;
    fire('change', bn);
    r224.checked = false;
    fire('change', r224); // an unchecked radio says nothing
    r32.checked = true;
    fire('change', r32);
    const early = takeEarly(root as unknown as Element);
    expect(early).toEqual({ click: null, settings: { width: '12', depth: '56', bn: 'on', side: '32' } });
    expect(takeEarly(root as unknown as Element)).toEqual({ click: null, settings: {} });
  });

  it('hands over the settings with the click, so the click is answered with them', () => {
    const { root, start, fire, control } = setup();
    const side = control('INPUT', 'side', 'radio', '32');
    side.checked = true;
    fire('change', side);
    fire('click', start);
    expect(takeEarly(root as unknown as Element)).toEqual({ click: 'race-start', settings: { side: '32' } });
  });

  it('records a checkbox unticked again as off, and nothing once the component has taken its input', () => {
    const { island, root, fire, control } = setup();
    const log = control('INPUT', 'log', 'checkbox');
    log.checked = true;
    fire('change', log);
    log.checked = false;
    fire('input', log);
    expect(takeEarly(root as unknown as Element).settings).toEqual({ log: 'off' });
    log.checked = true;
    fire('change', log);
    expect(island.hasAttribute('data-queued-settings')).toBe(false);
  });

  it('leaves unmarked controls and controls outside an island alone, and survives a mangled record', () => {
    const { island, root, fire } = setup();
    const plain = new El('INPUT', root);
    plain.value = '5';
    fire('input', plain);
    const outside = new El('SELECT');
    outside.setAttribute('data-early-setting', 'x');
    fire('change', outside);
    expect(island.hasAttribute('data-queued-settings')).toBe(false);
    island.setAttribute('data-queued-settings', '{not json');
    expect(takeEarly(root as unknown as Element).settings).toEqual({});
  });

  it('lets two components of one island take the click and the settings apart, in either order', () => {
    for (const settingsFirst of [true, false]) {
      const { island, root, start, fire, control } = setup();
      const model = control('SELECT', 'model', '', 'resnet50');
      fire('change', model);
      fire('click', start);
      const settings = () => takeEarlySettings(root as unknown as Element);
      const click = () => takeEarlyClick(root as unknown as Element);
      const [a, b] = settingsFirst ? [settings(), click()] : [click(), settings()];
      expect(settingsFirst ? [a, b] : [b, a]).toEqual([{ model: 'resnet50' }, 'race-start']);
      expect(island.hasAttribute('data-queued-settings') || island.hasAttribute('data-queued-click')).toBe(false);
      expect(island.hasAttribute('data-clicks-taken')).toBe(true);
    }
  });

  it('accepts a kept value only if the control offers it', () => {
    expect(earlyOneOf('32', [224, 112, 64, 32] as const)).toBe(32);
    expect(earlyOneOf('33', [224, 112, 64, 32] as const)).toBeUndefined();
    expect(earlyOneOf('wasm', ['wasm', 'webgl'] as const)).toBe('wasm');
    expect(earlyOneOf('WASM', ['wasm', 'webgl'] as const)).toBeUndefined();
    expect(earlyOneOf(undefined, ['wasm'] as const)).toBeUndefined();
    expect(earlyChecked('on')).toBe(true);
    expect(earlyChecked('off')).toBe(false);
    expect(earlyChecked('yes')).toBeUndefined();
    expect(earlyChecked(undefined)).toBeUndefined();
  });
});

describe('a gallery click before the classifier ran', () => {
  const classifier = () => {
    const island = new El('ASTRO-ISLAND');
    const demo = new El('DIV', island);
    demo.setAttribute('data-engine', 'classifier');
    const model = new El('SELECT', demo);
    model.setAttribute('data-early-setting', 'model');
    model.value = 'mobilenet_v1_0.75_uint8';
    const backend = new El('SELECT', demo);
    backend.setAttribute('data-early-setting', 'backend');
    backend.value = 'auto';
    const photo = new El('BUTTON', demo);
    photo.setAttribute('data-early-click', 'gallery:coffee.jpg');
    const img = new El('IMG', photo);
    return { island, model, backend, photo, img };
  };
  const at = (el: El) => el as unknown as EventTarget;

  it('names the model its menu shows, so the page can start that download at once', () => {
    const { model, img } = classifier();
    expect(earlyGalleryModel(at(img))).toBe('mobilenet_v1_0.75_uint8');
    model.value = 'resnet50_uint8'; // chosen before hydration too
    expect(earlyGalleryModel(at(img))).toBe('resnet50_uint8');
  });

  it('names none once the island runs, off the gallery, outside the engine’s demos, or on another backend', () => {
    const a = classifier();
    a.island.setAttribute('data-clicks-taken', '');
    expect(earlyGalleryModel(at(a.img))).toBeNull();
    const b = classifier();
    b.photo.setAttribute('data-early-click', 'race-start');
    expect(earlyGalleryModel(at(b.img))).toBeNull();
    const c = classifier();
    c.backend.value = 'webgl';
    expect(earlyGalleryModel(at(c.img))).toBeNull();
    const d = classifier();
    d.photo.parent!.attrs.delete('data-engine');
    expect(earlyGalleryModel(at(d.img))).toBeNull();
    expect(earlyGalleryModel(null)).toBeNull();
  });

  it('names the fixed model of a demo whose photo is chosen in a menu (the probe, block deletion), on its choice only', () => {
    const island = new El('ASTRO-ISLAND');
    const demo = new El('DIV', island);
    demo.setAttribute('data-engine', 'classifier');
    demo.setAttribute('data-engine-model', 'resnet50_uint8');
    const diagram = new El('SELECT', demo); // the probe's diagram has a "model" menu of networks to draw
    diagram.setAttribute('data-early-setting', 'model');
    diagram.value = 'resnet50-keras';
    const menu = new El('SELECT', demo);
    menu.setAttribute('data-early-click', 'gallery');
    expect(earlyGalleryModel(at(menu), 'change')).toBeNull(); // the empty "a gallery photo…" choice
    menu.value = 'coffee.jpg';
    expect(earlyGalleryModel(at(menu), 'click')).toBeNull(); // opening the menu picks nothing
    expect(earlyGalleryModel(at(menu), 'change')).toBe('resnet50_uint8');
    island.setAttribute('data-queued-click', 'gallery:coffee.jpg');
    expect(queuedGalleryModel(demo as unknown as Element)).toBe('resnet50_uint8');
    // A classifier's button is picked by its click, never by a change.
    const { img } = classifier();
    expect(earlyGalleryModel(at(img), 'change')).toBeNull();
  });

  it('names it too for a click already kept on the island, before the page’s script ran', () => {
    const { island, photo } = classifier();
    const demo = photo.parent!;
    expect(queuedGalleryModel(demo as unknown as Element)).toBeNull();
    island.setAttribute('data-queued-click', 'gallery:coffee.jpg');
    expect(queuedGalleryModel(demo as unknown as Element)).toBe('mobilenet_v1_0.75_uint8');
    island.setAttribute('data-clicks-taken', '');
    expect(queuedGalleryModel(demo as unknown as Element)).toBeNull();
  });
});
