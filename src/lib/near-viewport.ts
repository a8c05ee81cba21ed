// "When a demo nears the viewport": runs a start once, as the first of some elements comes within a
// margin of the viewport. The page decides this before any island has hydrated (an island's own code
// loads only as it nears the viewport, then after a few round trips for its modules).

/** The part of IntersectionObserver used here (tests pass a fake). */
export type ObserverLike = new (
  callback: (entries: { isIntersecting: boolean }[]) => void,
  options: { rootMargin: string },
) => { observe(el: Element): void; disconnect(): void };

/** Calls `start` once, when any of `elements` comes within `margin` of the viewport; returns a stop. */
export function onceNear(
  elements: Iterable<Element>,
  start: () => void,
  margin = '300px',
  Observer: ObserverLike | undefined = globalThis.IntersectionObserver,
): () => void {
  const targets = [...elements];
  if (!targets.length || !Observer) return () => {};
  const io = new Observer(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      start();
    },
    { rootMargin: margin },
  );
  for (const el of targets) io.observe(el);
  return () => io.disconnect();
}
