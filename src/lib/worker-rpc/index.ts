// worker-rpc: the one way the page talks to a demo's Web Worker. Framework-free; every demo worker
// (classifier engine, probe painter, photo decoder, race, tiny nets, training lab) uses it.
//
// 1. Describe the methods once, shared by both sides (types only):
//
//      interface LabMethods {
//        init: { args: { backend: BackendChoice; threads?: number }; result: BackendInfo };
//        run: { args: { steps: number }; result: Summary; event: StepEvent };   // `event`: optional
//      }
//
// 2. Worker side (`self` is the port; a MessageChannel port in tests):
//
//      const served = serve<LabMethods, LabState>(self as unknown as PortLike, {
//        init: (args) => startBackend(args.backend, args),                  // (args, ctx) => result | Promise
//        run: { serial: true, run: async (args, ctx) => { ctx.emit(step); … } },  // serial: one after another
//      });
//      served.broadcast(state);                            // an event tied to no call
//
//    `ctx.signal` aborts when the page cancels or supersedes the call; `ctx.emit(event, transfer?)`
//    streams events of this call; `ctx.progress(fraction, loaded, total)`; `ctx.transfer(buffer)`
//    transfers the result's buffers. A thrown error reaches the page with its name, message, `kind`
//    and `attempts`. A worker that starts a backend beats (alive.ts `setPhase`, called by
//    src/workers/backends.ts), so the page's watchdog can tell slow from stuck.
//
// 3. Page side:
//
//      const lab = new RpcClient<LabMethods, LabState>({
//        create: () => new Worker(new URL('…/lab.worker.ts', import.meta.url), { type: 'module' }),
//        start: backendStart<LabMethods>('init'),        // the method that starts a backend
//        ladder,                                          // optional, shared by a figure's workers
//        onHung: (error, restarted) => …, onCrash: (error) => …,   // optional, for event-driven demos
//      });
//      const info = await lab.call('init', { backend: 'wasm' }, { replay: true });
//      await lab.call('run', { steps: 5 }, { signal, lane: 'train', onEvent: (e) => …, onProgress, transfer });
//      lab.onBroadcast((state) => …);
//      lab.terminate(); / lab.dispose();
//
//    - Abort: `signal` → the call rejects with AbortedError (abort.ts) and the worker's ctx.signal aborts.
//    - Lanes: a new call on a lane supersedes the previous one (AbortedError('superseded')) on both sides.
//    - Errors: WorkerError (the worker threw: name, message, kind, attempts); WorkerCrashedError (the
//      worker died or was terminated: every pending call rejects, the next call starts a fresh worker
//      and `generation` goes up, so state must be sent again); WorkerHungError (the watchdog ended a
//      silent worker: `phase`, `note`, `canRetry`).
//    - Backend start and fallback: the `start` method's arguments are put on the ladder's rung
//      (BackendLadder: after a hang, threaded WASM → WASM on one thread → plain JavaScript, kept for
//      later workers of the same choice; `client.note` / `loweredInfo` say why). A worker that goes
//      silent while starting is replaced at once a rung lower: the start call is sent to the new one
//      (its promise answers from there), then every pending `replay: true` call and the latest
//      answered one of each method (state: settings, an image); other pending calls reject with
//      WorkerHungError(canRetry), which `retryingStartHangs(run)` retries. `backendStart(method,
//      initial)`: with `initial`, a later worker of a lowered demo gets that start first by itself.
//    - Disposal: `pagehide` terminates every client's worker (option `page`, null for none).
export { AbortedError, LatestWins, abortable, isAborted, throwIfAborted } from './abort';
export { BackendLadder, hangNote, loweredInfo, rungLabel, stepDown, type Rung } from './backend-ladder';
export type { BackendChoice, BackendInfo, BackendName } from './backend';
export { RpcClient } from './client';
export {
  backendStart,
  type BackendMethod,
  type CallOptions,
  type ClientOptions,
  type PageEvents,
  type StartSpec,
  type WorkerLike,
} from './client-options';
export { WorkerCrashedError, WorkerError, WorkerHungError } from './errors';
export { serve, type CallContext, type Handler, type HandlerEntry, type Handlers, type PortLike, type Served } from './serve';
export {
  ALIVE,
  GPU_START_MS,
  SilenceWatch,
  WATCH,
  isAliveMessage,
  withDeadline,
  type AliveMessage,
  type SilenceWatchOptions,
  type WorkerPhase,
} from './watchdog';
export { serializeError, type Args, type EventOf, type MethodSpec, type MethodsOf, type Result, type SerializedError } from './wire';
