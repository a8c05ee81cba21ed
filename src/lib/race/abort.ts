/** Cancellation shared by the build and the timing loop: an AbortSignal checked between steps. */

/** True for the error an aborted signal throws (a DOMException named AbortError by default). */
export function isAbortError(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && err === signal.reason) return true;
  return typeof err === 'object' && err !== null && 'name' in err && (err as { name: unknown }).name === 'AbortError';
}

/** Give the event loop a turn (a macrotask), so a page can paint progress and take a Cancel click.
 * setTimeout(0) is clamped to ≥ 4 ms after a few nested calls; a MessageChannel is not, where it exists. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
