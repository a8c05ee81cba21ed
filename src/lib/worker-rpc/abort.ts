// Cancellation for the engine: one error type for "the caller no longer wants this", so every layer
// (cache, session, worker host, client) can tell a cancelled request from a real failure.

/** A request that was cancelled, or replaced by a newer one on the same channel. */
export class AbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly why: 'cancelled' | 'superseded' = 'cancelled') {
    super(why === 'superseded' ? 'replaced by a newer request' : 'cancelled');
  }
}

export const isAborted = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';

/** Throws the signal's reason (an AbortedError unless the caller chose another) when it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw isAborted(signal.reason) ? signal.reason : new AbortedError();
}

/** Settles with `promise`, or rejects as soon as `signal` aborts (the work itself may go on). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(isAborted(signal.reason) ? signal.reason : new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Latest-request-wins: each `run` on a channel aborts the one before it, so only the reader's last
 * choice can deliver a result. The superseded request rejects with AbortedError('superseded').
 */
export class LatestWins {
  private current: AbortController | null = null;

  run<T>(job: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
    this.current?.abort(new AbortedError('superseded'));
    const controller = new AbortController();
    this.current = controller;
    const onOuter = () => controller.abort(new AbortedError());
    if (outer?.aborted) onOuter();
    else outer?.addEventListener('abort', onOuter, { once: true });
    const done = () => {
      outer?.removeEventListener('abort', onOuter);
      if (this.current === controller) this.current = null;
    };
    return abortable(job(controller.signal), controller.signal).finally(done);
  }

  /** Aborts whatever is running on this channel. */
  cancel(): void {
    this.current?.abort(new AbortedError());
    this.current = null;
  }
}
