// Clicks made before an island has hydrated are kept, not lost. Astro renders an island's HTML at once
// but runs its code later (`client:visible`: when it nears the viewport, then after its chunk has
// downloaded); until then a button does nothing. A capture listener installed by the page
// (components/shared/KeepEarlyClicks.astro) notes such a click on the island element, and the
// component answers it when it mounts (`takeEarlyClick`).

/** On a button: the action a click before hydration stands for (e.g. `gallery:coffee.jpg`). */
const EARLY_CLICK = 'data-early-click';
/** On the `astro-island`: the last such action, waiting for the component. */
const QUEUED_CLICK = 'data-queued-click';
/** On the `astro-island`: its component has taken its clicks, so later ones are its own. */
const TAKEN = 'data-clicks-taken';

/** Keeps clicks on `[data-early-click]` elements inside islands whose component has not yet mounted. */
export function keepEarlyClicks(doc: Pick<Document, 'addEventListener'>): void {
  doc.addEventListener(
    'click',
    (e) => {
      const target = e.target as Element | null;
      const button = typeof target?.closest === 'function' ? target.closest(`[${EARLY_CLICK}]`) : null;
      const island = button?.closest('astro-island');
      if (!button || !island || island.hasAttribute(TAKEN)) return;
      island.setAttribute(QUEUED_CLICK, button.getAttribute(EARLY_CLICK) ?? '');
      e.preventDefault();
    },
    { capture: true },
  );
}

/**
 * For a mounting component, given any element inside its island: the action clicked before it was
 * ready, if any (null otherwise). From then on the island's clicks are the component's own.
 */
export function takeEarlyClick(el: Element): string | null {
  const island = el.closest('astro-island');
  if (!island) return null;
  island.setAttribute(TAKEN, '');
  const action = island.getAttribute(QUEUED_CLICK);
  island.removeAttribute(QUEUED_CLICK);
  return action;
}
