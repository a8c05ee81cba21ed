// Starts the wasm backend's pthread workers one at a time, before tfjs asks for them.
//
// Why: Emscripten (tfjs 4.22's threaded-SIMD build) creates its pool of 8 pthread workers in one
// synchronous loop while the module starts. Inside a Web Worker those are nested workers, and Firefox
// (ESR 153, with a WebDriver BiDi session attached, as in the e2e tests) can block forever inside one
// of those `new Worker()` calls when it comes while the previous nested worker is still starting: the
// whole demo worker then hangs before the backend is ready. Measured on the built site: 10 of 34 starts
// hung with the burst, 0 of 32 with each worker created after the previous one has run its script
// (and 0 of 28 without automation either way). So this module creates the pool itself, waits for each
// worker's first message before the next (the served pthread script posts one when it runs under the
// name src/plugins/tfjs-wasm-threads.mjs gives), then hands the started workers to Emscripten's loop through a `Worker` constructor that
// returns them in order.

/** Emscripten's PTHREAD_POOL_SIZE in tfjs 4.22's threaded build (its `initMainThread` allocates 8). */
const PTHREAD_POOL_SIZE = 8;

/** Where the served pthread script is, the name to start a pool worker under, and the message it posts. */
export interface PoolScript {
  readonly script: string;
  readonly name: string;
  readonly started: string;
}

/** What src/plugins/tfjs-wasm-threads.mjs puts on the worker's global scope (absent without it). */
export const servedPoolScript = (): PoolScript | undefined => (globalThis as { __tfjsWasmPthreadPool?: PoolScript }).__tfjsWasmPthreadPool;

/** One pthread worker, resolved once its script has run (or rejected: an error, or no word in `ms`). */
function startOne({ script, name, started }: PoolScript, ms: number): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { name });
    const finish = (err?: Error) => {
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (err) {
        w.terminate();
        reject(err);
      } else resolve(w);
    };
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { cmd?: unknown } | null)?.cmd === started) finish();
    };
    const onError = (e: Event) => {
      e.preventDefault();
      finish(new Error(`a wasm thread's script failed to load (${(e as ErrorEvent).message || 'no detail'})`));
    };
    const timer = setTimeout(() => finish(new Error(`a wasm thread did not start within ${ms / 1000} s`)), ms);
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
  });
}

/** The pool, started one worker after another. */
export async function startPthreadPool(served: PoolScript, size = PTHREAD_POOL_SIZE, perWorkerMs = 5000): Promise<Worker[]> {
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < size; i++) pool.push(await startOne(served, perWorkerMs));
  } catch (e) {
    for (const w of pool) w.terminate();
    throw e;
  }
  return pool;
}

/**
 * Runs `start` (which makes Emscripten build its pool) with `new Worker(...)` answering from `pool`
 * first; workers it did not take are ended.
 */
export async function withPrestartedWorkers<T>(pool: Worker[], start: () => Promise<T>): Promise<T> {
  const scope = globalThis as unknown as { Worker: typeof Worker };
  const Native = scope.Worker;
  const waiting = [...pool];
  scope.Worker = function PooledWorker(url: string | URL, options?: WorkerOptions) {
    return waiting.shift() ?? new Native(url, options);
  } as unknown as typeof Worker;
  try {
    return await start();
  } finally {
    scope.Worker = Native;
    for (const w of waiting) w.terminate();
  }
}
