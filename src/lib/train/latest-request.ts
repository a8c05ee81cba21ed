/**
 * One request in flight, the latest one next. The lab session must not run two 'gradients'
 * commands at once (the second would replace the nets the first is measuring), while a reader may
 * click through settings faster than a backward pass takes. So: send at once when nothing is in
 * flight; otherwise remember only the newest request, and send it when the answer comes back.
 * Requests in between are dropped: nobody is waiting for them any more.
 */
export interface LatestRequest<T> {
  /** Sends now, or queues `req` in place of any request already waiting. */
  request(req: T): void;
  /** The answer to the request in flight arrived: returns that request (to label the answer) and
   * sends the waiting one, if any. */
  settle(): T | null;
  /** The request in flight, if any. */
  readonly inFlight: T | null;
  /** The request waiting for its turn, if any. */
  readonly waiting: T | null;
  /** Forgets both (the worker was replaced). */
  clear(): void;
}

export function latestRequest<T>(send: (req: T) => void): LatestRequest<T> {
  let inFlight: T | null = null;
  let waiting: T | null = null;
  return {
    request(req) {
      if (inFlight === null) { inFlight = req; send(req); } else waiting = req;
    },
    settle() {
      const done = inFlight;
      inFlight = waiting;
      waiting = null;
      if (inFlight !== null) send(inFlight);
      return done;
    },
    get inFlight() { return inFlight; },
    get waiting() { return waiting; },
    clear() { inFlight = null; waiting = null; },
  };
}
