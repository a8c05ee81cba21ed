// The lab's redraw scheduler, apart from its state class (it only touches the page's timers and frames).
/**
 * The page's redraw scheduler: events can come every few milliseconds, so the island redraws in an
 * animation frame at most every `ms`, and training leaves the main thread idle most of the time.
 * Returns the scheduler and a cancel for when the island goes away.
 */
export function frameThrottle(ms: number): { schedule: (redraw: () => void) => void; cancel: () => void } {
  let timer = 0;
  let frame = 0;
  let last = 0;
  return {
    schedule(redraw) {
      if (timer !== 0 || frame !== 0) return;
      const wait = Math.max(0, last + ms - performance.now());
      timer = window.setTimeout(() => {
        timer = 0;
        frame = requestAnimationFrame(() => {
          frame = 0;
          last = performance.now();
          redraw();
        });
      }, wait);
    },
    cancel() {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      timer = 0;
      frame = 0;
    },
  };
}
