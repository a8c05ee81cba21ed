// Clicks made before an island has hydrated are kept, not lost. Astro renders an island's HTML at once
// but runs its code later (`client:visible`: when it nears the viewport, then after its chunk has
// downloaded); until then a button does nothing. A capture listener installed by the page
// (components/shared/KeepEarlyClicks.astro) notes such a click on the island element, and the
// component answers it when it mounts (`takeEarlyClick`). A `<select>` is kept by its choice instead
// (`action:value`, on `change`), so a reader can pick a photo from a menu before the island runs.
// The control clicked is marked meanwhile (`data-early-clicked`; site.css shows it as starting) and
// the island says it is starting, so the reader knows the click was taken.

/** On a button or select: the action a click before hydration stands for (e.g. `gallery:coffee.jpg`). */
const EARLY_CLICK = 'data-early-click';
/** On the `astro-island`: the last such action, waiting for the component. */
const QUEUED_CLICK = 'data-queued-click';
/** On the control itself while its click waits for the component. */
const CLICKED = 'data-early-clicked';
/** On the `astro-island`: its component has taken its clicks, so later ones are its own. */
const TAKEN = 'data-clicks-taken';

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
}

/**
 * For a mounting component, given any element inside its island: the action clicked before it was
 * ready, if any (null otherwise). From then on the island's clicks are the component's own. One
 * component per island takes them.
 */
export function takeEarlyClick(el: Element): string | null {
  const island = el.closest('astro-island');
  if (!island) return null;
  island.setAttribute(TAKEN, '');
  const action = island.getAttribute(QUEUED_CLICK);
  island.removeAttribute(QUEUED_CLICK);
  island.querySelector?.(`[${CLICKED}]`)?.removeAttribute(CLICKED);
  return action;
}

/** The value of a kept action `name:value` (a menu's choice), or null for any other action. */
export function earlyChoice(action: string | null, name: string): string | null {
  return action?.startsWith(`${name}:`) ? action.slice(name.length + 1) : null;
}
