// Clicks made before an island has hydrated are kept, not lost. Astro renders an island's HTML at once
// but runs its code later (`client:visible`: when it nears the viewport, then after its chunk has
// downloaded); until then a button does nothing. A capture listener installed by the page
// (components/shared/KeepEarlyClicks.astro) notes such a click on the island element, and the
// component answers it when it mounts (`takeEarlyClick`). A `<select>` is kept by its choice instead
// (`action:value`, on `change`), so a reader can pick a photo from a menu before the island runs.
// The control clicked is marked meanwhile (`data-early-clicked`; site.css shows it as starting) and
// the island says it is starting, so the reader knows the click was taken.
// A setting changed meanwhile (a menu, a number field, a checkbox or a radio marked
// `data-early-setting="<name>"`) would be overwritten by the component's own initial state, so its
// latest value is kept too (on `input` and `change`) and handed over with the click (`takeEarly`): the
// component applies the settings it accepts first, then answers the click, so a reader who picks an
// input size and then clicks Start gets a race at that size. Values are raw strings; the component
// validates them (`earlyOneOf`, or the figure's own parser) and ignores what it does not accept.

/** On a button or select: the action a click before hydration stands for (e.g. `gallery:coffee.jpg`). */
const EARLY_CLICK = 'data-early-click';
/** On the `astro-island`: the last such action, waiting for the component. */
const QUEUED_CLICK = 'data-queued-click';
/** On the control itself while its click waits for the component. */
const CLICKED = 'data-early-clicked';
/** On the `astro-island`: its component has taken its clicks, so later ones are its own. */
const TAKEN = 'data-clicks-taken';
/** On a form control: the name its value is kept under when changed before hydration. */
const EARLY_SETTING = 'data-early-setting';
/** On the `astro-island`: the settings changed so far, as JSON (name → latest raw value). */
const QUEUED_SETTINGS = 'data-queued-settings';

/** Settings changed before hydration: each control's name and its latest raw value. */
export type EarlySettings = Readonly<Record<string, string>>;

/** A control's value as kept: a checkbox's is `on` or `off`; an unchecked radio has none (null). */
function settingValue(control: Element): string | null {
  const input = control as HTMLInputElement;
  if (control.tagName === 'INPUT' && input.type === 'checkbox') return input.checked ? 'on' : 'off';
  if (control.tagName === 'INPUT' && input.type === 'radio') return input.checked ? input.value : null;
  return typeof input.value === 'string' ? input.value : null;
}

function queuedSettings(island: Element): Record<string, string> {
  try {
    const kept: unknown = JSON.parse(island.getAttribute(QUEUED_SETTINGS) ?? '{}');
    return kept && typeof kept === 'object' ? { ...(kept as Record<string, string>) } : {};
  } catch {
    return {};
  }
}

/** Notes the latest value of a `[data-early-setting]` control inside an island not yet mounted. */
function keepSetting(e: Event): void {
  const target = e.target as Element | null;
  const control = typeof target?.closest === 'function' ? target.closest(`[${EARLY_SETTING}]`) : null;
  const island = control?.closest('astro-island');
  if (!control || !island || island.hasAttribute(TAKEN)) return;
  const value = settingValue(control);
  if (value === null) return;
  const kept = queuedSettings(island);
  kept[control.getAttribute(EARLY_SETTING) ?? ''] = value;
  island.setAttribute(QUEUED_SETTINGS, JSON.stringify(kept));
}

/** Keeps clicks on `[data-early-click]` elements inside islands whose component has not yet mounted. */
export function keepEarlyClicks(doc: Pick<Document, 'addEventListener'>): void {
  const keep = (e: Event) => {
    const target = e.target as Element | null;
    const control = typeof target?.closest === 'function' ? target.closest(`[${EARLY_CLICK}]`) : null;
    const island = control?.closest('astro-island');
    if (!control || !island || island.hasAttribute(TAKEN)) return;
    const menu = control.tagName === 'SELECT';
    // A menu's click only opens it: its choice comes with `change`.
    if (menu !== (e.type === 'change')) return;
    const action = control.getAttribute(EARLY_CLICK) ?? '';
    island.setAttribute(QUEUED_CLICK, menu ? `${action}:${(control as HTMLSelectElement).value}` : action);
    island.querySelector?.(`[${CLICKED}]`)?.removeAttribute(CLICKED);
    control.setAttribute(CLICKED, '');
    if (!menu) e.preventDefault();
  };
  doc.addEventListener('click', keep, { capture: true });
  doc.addEventListener('change', keep, { capture: true });
  doc.addEventListener('input', keepSetting, { capture: true });
  doc.addEventListener('change', keepSetting, { capture: true });
}

/** What a reader did to an island before it was ready: the last action clicked, and the settings changed. */
export interface EarlyInput {
  readonly click: string | null;
  readonly settings: EarlySettings;
}

/**
 * For a mounting component, given any element inside its island: the action clicked before it was
 * ready (null if none) and the settings changed meanwhile, each once. From then on the island's
 * clicks and changes are the component's own. A component should apply the settings it accepts
 * before answering the click. Where an island holds several components, each takes its own part,
 * all in the same mount (`takeEarlyClick`, `takeEarlySettings`).
 */
export function takeEarly(el: Element): EarlyInput {
  return { settings: takeEarlySettings(el), click: takeEarlyClick(el) };
}

/** The action clicked before the island was ready, or null; the settings are left for `takeEarlySettings`. */
export function takeEarlyClick(el: Element): string | null {
  const island = el.closest('astro-island');
  if (!island) return null;
  island.setAttribute(TAKEN, '');
  const action = island.getAttribute(QUEUED_CLICK);
  island.removeAttribute(QUEUED_CLICK);
  island.querySelector?.(`[${CLICKED}]`)?.removeAttribute(CLICKED);
  return action;
}

/** The settings changed before the island was ready (empty if none); the click is left for `takeEarlyClick`. */
export function takeEarlySettings(el: Element): EarlySettings {
  const island = el.closest('astro-island');
  if (!island) return {};
  island.setAttribute(TAKEN, '');
  const settings = queuedSettings(island);
  island.removeAttribute(QUEUED_SETTINGS);
  return settings;
}

/**
 * A kept setting's value if it is one of `allowed` (numbers compared by their text), else undefined:
 * a value the component does not offer is ignored, never trusted.
 */
export function earlyOneOf<T extends string | number>(raw: string | undefined, allowed: readonly T[]): T | undefined {
  return raw === undefined ? undefined : allowed.find((v) => String(v) === raw);
}

/** A kept checkbox's state (`on`/`off`), or undefined when it was not changed or is malformed. */
export function earlyChecked(raw: string | undefined): boolean | undefined {
  return raw === 'on' ? true : raw === 'off' ? false : undefined;
}

/** The value of a kept action `name:value` (a menu's choice), or null for any other action. */
export function earlyChoice(action: string | null, name: string): string | null {
  return action?.startsWith(`${name}:`) ? action.slice(name.length + 1) : null;
}

/**
 * The model a gallery pick made before a demo's island ran will need: a click on a `gallery:` button
 * (the classifier's), or a photo chosen in a `gallery` menu (`change`: the ResNet-50 probe's and the
 * block-deletion figure's), in a `[data-engine="classifier"]` demo whose island has not taken its
 * clicks, with its backend menu (if any) on `auto` (the engine's early start). The model is the demo's
 * fixed `data-engine-model`, else the one its model menu shows. Else null. The page starts
 * that download at once; the island's own requests join it when it mounts.
 */
export function earlyGalleryModel(target: EventTarget | null, type: 'click' | 'change' = 'click'): string | null {
  const el = target as Element | null;
  const control = typeof el?.closest === 'function' ? el.closest(`[${EARLY_CLICK}^="gallery"]`) : null;
  if (!control) return null;
  const menu = control.tagName === 'SELECT';
  // A button is picked by its click; a menu's click only opens it, and an empty choice picks nothing.
  if (menu !== (type === 'change') || (menu && !(control as HTMLSelectElement).value)) return null;
  if (!menu && !control.getAttribute(EARLY_CLICK)!.startsWith('gallery:')) return null;
  const demo = control.closest('[data-engine="classifier"]');
  return demo ? demoModel(demo) : null;
}

/** The same for a click already kept on a demo's island (made before the page's own script ran). */
export function queuedGalleryModel(demo: Element): string | null {
  const queued = demo.closest('astro-island')?.getAttribute(QUEUED_CLICK) ?? '';
  return queued.startsWith('gallery:') ? demoModel(demo) : null;
}

function demoModel(demo: Element): string | null {
  const island = demo.closest('astro-island');
  if (!island || island.hasAttribute(TAKEN)) return null;
  const menu = (name: string) => demo.querySelector(`select[${EARLY_SETTING}="${name}"]`) as HTMLSelectElement | null;
  if ((menu('backend')?.value ?? 'auto') !== 'auto') return null;
  // A fixed model wins: the probe's diagram has a "model" menu of its own (a network to draw).
  return demo.getAttribute('data-engine-model') || menu('model')?.value || null;
}
