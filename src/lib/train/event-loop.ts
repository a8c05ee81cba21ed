// Yielding to the event loop between two steps of a long computation, so messages get in.

/** Give the event loop a turn (a macrotask), so commands posted to the worker get in between steps.
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
