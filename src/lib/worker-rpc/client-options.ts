// What a page-side client is made from and called with (client.ts): the worker it starts, the method
// that starts a backend and how that method's arguments carry a rung of the ladder, and each call's
// options.
import type { BackendLadder, Rung } from './backend-ladder';
import type { BackendChoice } from './backend';
import type { WorkerCrashedError, WorkerHungError } from './errors';
import type { SilenceWatchOptions } from './watchdog';
import type { Args } from './wire';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

/** Where the client hears `pagehide` (the window by default). */
export interface PageEvents {
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
}

/** Which method starts the worker's backend, and how its arguments carry a rung of the ladder. */
export type StartSpec<M> = {
  [K in keyof M]: {
    method: K;
    rung: (args: Args<M, K>) => Rung;
    withRung: (args: Args<M, K>, rung: Rung) => Args<M, K>;
    /** Sent to a new worker before anything else while the demo runs a rung lower after a hang, when
     * the page's first call is not the start (the worker would start its default backend for it). */
    initial?: Args<M, K>;
  };
}[keyof M];

type BackendArgs = { backend: BackendChoice; threads?: number };
/** The methods of M whose arguments carry a backend choice. */
export type BackendMethod<M> = { [K in keyof M]: Args<M, K> extends BackendArgs ? K : never }[keyof M];

/** The usual start: arguments `{ backend, threads? }` and anything else, passed through unchanged. */
export function backendStart<M>(method: BackendMethod<M>, initial?: Args<M, BackendMethod<M>>): StartSpec<M> {
  const spec = {
    method,
    rung: (a: BackendArgs): Rung => (a.threads === undefined ? { backend: a.backend } : { backend: a.backend, threads: a.threads }),
    withRung: (a: BackendArgs, r: Rung): BackendArgs => {
      const { threads: _, ...rest } = a;
      return r.threads === undefined ? { ...rest, backend: r.backend } : { ...rest, backend: r.backend, threads: r.threads };
    },
    ...(initial === undefined ? {} : { initial }),
  };
  return spec as unknown as StartSpec<M>;
}

export interface ClientOptions<M> {
  create: () => WorkerLike;
  /** The method that starts a backend: it runs on the ladder's rung, and is replayed after a hang. */
  start?: StartSpec<M>;
  /** Shared by every worker the demo starts (pass one to share it between clients). */
  ladder?: BackendLadder;
  /** Clock, limits and visibility for the watchdog (tests inject them). */
  watch?: Omit<SilenceWatchOptions, 'onSilent'>;
  /** Where `pagehide` ends the worker; null: nowhere. By default the global scope, when it has events. */
  page?: PageEvents | null;
  /** The watchdog ended the worker; `restarted` says whether a new one already starts a rung lower. */
  onHung?: (error: WorkerHungError, restarted: boolean) => void;
  /** The worker died on its own (a script error, a message that could not be read). */
  onCrash?: (error: WorkerCrashedError) => void;
}

export interface CallOptions<E = never> {
  signal?: AbortSignal;
  /** Latest-wins lane: a new call on it supersedes the previous one, on the page and in the worker. */
  lane?: string;
  onEvent?: (event: E) => void;
  onProgress?: (fraction: number, loaded: number, total: number) => void;
  transfer?: Transferable[];
  /** A call that sets state (an image, settings): the latest one per method is sent again to the
   * worker that replaces one hung while starting. Calls with `transfer` cannot be replayed. */
  replay?: boolean;
}
