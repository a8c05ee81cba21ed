// The errors a call can reject with on the page, besides AbortedError (abort.ts): the worker's own
// error, rebuilt with its name, kind and attempts; the worker dying; the watchdog ending a silent one.
import type { SerializedError } from './wire';
import type { WorkerPhase } from './watchdog';

/** An error that came back from the worker, with the loader's kind and attempts when it has them. */
export class WorkerError extends Error {
  readonly kind: string | undefined;
  readonly attempts: readonly string[];
  constructor(e: SerializedError) {
    super(e.message);
    this.name = e.name;
    this.kind = e.kind;
    this.attempts = e.attempts ?? [];
  }
}

/** The worker died (a script error, out of memory, terminate()); the next call starts a new one. */
export class WorkerCrashedError extends Error {
  override readonly name: string = 'WorkerCrashedError';
  constructor(
    /** What stopped it, in a few words ("out of memory"), for a demo's own message. */
    readonly detail: string,
  ) {
    super(`The demo's worker stopped (${detail}). It restarts by itself on your next action.`);
  }
}

/** The watchdog ended a worker that stopped answering; the next one starts a rung lower. */
export class WorkerHungError extends WorkerCrashedError {
  override readonly name = 'WorkerHungError';
  constructor(
    readonly phase: WorkerPhase,
    /** Why, for the page: what hung and what runs next (BackendLadder's note). */
    readonly note: string,
    /** Whether a lower rung is left to try. */
    readonly canRetry: boolean,
  ) {
    super(note);
    this.message = `The demo's worker stopped answering: ${note}.`;
  }
}
