/**
 * What CSS cannot do for the citation cards (Cite.astro): close on Escape, open on a first tap on a
 * touch screen (a second tap follows the link), and keep an open card inside the window on phones.
 * One delegated listener per event for the whole page; no framework. CSS places the card under its
 * citation (so it shows before any script runs); Floating UI works out how far to slide it sideways.
 */
import { computePosition, shift } from '@floating-ui/dom';

const ITEM = '.cite-item';

function place(item: HTMLElement): void {
  const card = item.querySelector<HTMLElement>('.cite-card');
  const ref = item.querySelector<HTMLElement>('.cite-ref');
  if (!card || !ref) return;
  // CSS puts the card's left edge under the citation's first line box (it may wrap over two lines),
  // so that box is the reference. The window, not a scrolling table around it, is the boundary.
  const reference = { getBoundingClientRect: () => item.getClientRects()[0] ?? item.getBoundingClientRect(), contextElement: ref };
  void computePosition(reference, card, {
    placement: 'bottom-start',
    middleware: [shift({ padding: 8, boundary: document.documentElement })],
  }).then(({ middlewareData }) => {
    const dx = Math.round(middlewareData.shift?.x ?? 0);
    if (dx === 0) card.style.removeProperty('--cite-shift');
    else card.style.setProperty('--cite-shift', `${dx}px`);
  });
}

function close(item: Element): void {
  item.classList.remove('is-open');
  item.classList.add('is-closed');
}

export function wireCitations(doc: Document): void {
  const root = doc.documentElement;
  if (root.dataset['citations'] === 'wired') return;
  root.dataset['citations'] = 'wired';

  // Escape closes every card (hover and focus included) until the pointer or focus leaves it.
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = doc.querySelectorAll(`${ITEM}:hover, ${ITEM}:focus-within, ${ITEM}.is-open`);
    open.forEach(close);
    const active = doc.activeElement;
    if (active instanceof HTMLElement && active.closest('.cite-card'))
      active.closest(ITEM)?.querySelector<HTMLElement>('.cite-ref')?.focus();
  });
  const reset = (e: Event) => {
    const item = (e.target as Element | null)?.closest?.(ITEM);
    if (item && !item.matches(':hover, :focus-within')) item.classList.remove('is-closed', 'is-open');
  };
  doc.addEventListener('pointerout', reset);
  doc.addEventListener('focusout', (e) => setTimeout(() => reset(e), 0));

  // Keep whatever card is about to show inside the window. Coming into a citation from outside it opens
  // its card again after an Escape, at once: the focusout reset above runs a task later, which may come
  // after focus is already back.
  const show = (e: Event) => {
    const item = (e.target as Element | null)?.closest?.(ITEM);
    if (!(item instanceof HTMLElement)) return;
    const from = (e as FocusEvent | PointerEvent).relatedTarget;
    if (!(from instanceof Node && item.contains(from))) item.classList.remove('is-closed');
    requestAnimationFrame(() => place(item));
  };
  doc.addEventListener('pointerover', show);
  doc.addEventListener('focusin', show);

  // Touch: the first tap on a citation opens its card instead of leaving the page.
  let touch = false;
  doc.addEventListener('pointerdown', (e) => (touch = e.pointerType === 'touch'), { capture: true });
  doc.addEventListener('click', (e) => {
    const ref = (e.target as Element | null)?.closest?.('.cite-ref');
    doc.querySelectorAll(`${ITEM}.is-open`).forEach((item) => {
      if (!ref || !item.contains(ref)) item.classList.remove('is-open');
    });
    if (!touch || !ref) return;
    const item = ref.closest(ITEM);
    if (item instanceof HTMLElement && !item.classList.contains('is-open')) {
      e.preventDefault();
      item.classList.remove('is-closed');
      item.classList.add('is-open');
      place(item);
    }
  });
}
