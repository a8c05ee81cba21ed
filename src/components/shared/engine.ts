// The page's handle on the classifier's engine worker: one runtime client (so one model cache) per
// page, shared by every classifier island and the ResNet-50 probe, created when a reader first starts
// a demo. The runtime ends the worker when the page goes away, which also aborts any download.
import { RpcClient, backendStart, type WorkerLike } from '../../lib/worker-rpc';
import type { EngineMethods } from '../../lib/engine/methods';
import type { ModelEntry } from '../../lib/inference/models';
import { mayStartEarly, type ConnectionHints } from '../../lib/start-early';

export type EngineClient = RpcClient<EngineMethods>;

let shared: EngineClient | null = null;

export function classifierEngine(): EngineClient {
  shared ??= new RpcClient<EngineMethods>({
    create: () =>
      new Worker(new URL('../../workers/classifier.worker.ts', import.meta.url), {
        type: 'module',
        name: 'classifier',
      }) as unknown as WorkerLike,
    // After a hang, a new worker starts on the lower rung even when the page's first call is a load.
    start: backendStart<EngineMethods>('start', { backend: 'auto' }),
  });
  return shared;
}

/**
 * A figure over this engine nearing the viewport (its island hydrates then) starts the worker and its
 * backend (the wasm fetch and compile, never the weights) on a good connection, so the reader's first
 * pick waits only for the model. Quiet: a failure waits for a real request. The classifier's own
 * early start is ClassifierState.startEarly (its backend choice, its note).
 */
export function startEngineEarly(): void {
  const engine = classifierEngine();
  if (engine.running || !mayStartEarly((navigator as Navigator & { connection?: ConnectionHints }).connection)) return;
  void engine.retryingStartHangs(() => engine.call('start', { backend: 'auto' })).catch(() => {});
}

/** Downloads begun by a click made before the demo's island ran, by model id: the island adopts them. */
const earlyLoads = new Map<string, AbortController>();

/**
 * A model a reader's click needs before the island that answers it has run (its code still loading):
 * the worker starts (if it has not) and begins the download now. The island's own load, posted when it
 * mounts, joins the same download in the worker (one per model) and adopts it (`adoptEarlyLoad`).
 */
export function loadEarly(model: ModelEntry): void {
  if (earlyLoads.has(model.id)) return;
  const engine = classifierEngine();
  const stop = new AbortController();
  earlyLoads.set(model.id, stop);
  if (!engine.running) void engine.retryingStartHangs(() => engine.call('start', { backend: 'auto' })).catch(() => {});
  void engine
    .call('load', { model }, { signal: stop.signal })
    .catch(() => {}) // the island's own load tells what went wrong
    .finally(() => earlyLoads.get(model.id) === stop && earlyLoads.delete(model.id));
}

/**
 * The island's own load of `id` has been posted: the early one stops waiting, so the download goes on
 * for the island alone (and its Cancel stops it).
 */
export function adoptEarlyLoad(id: string): void {
  earlyLoads.get(id)?.abort();
  earlyLoads.delete(id);
}

/** The site's own paths (`/models/…`) as absolute URLs for the worker, under the base URL `root` (ending in '/'). */
export const siteUrl =
  (root: string) =>
  (path: string): string =>
    new URL(root + path.replace(/^\//, ''), location.href).href;

/** A copy of the bitmap the worker can own: the page keeps its own to send again after a restart. */
export const transferableCopy = (bitmap: ImageBitmap): Promise<ImageBitmap> => createImageBitmap(bitmap);

// Tests stop the worker the way a crash would (Playwright cannot terminate a page's worker itself), and
// the benchmarks drive the engine directly: both reach the page's one client through this getter,
// which also takes the older request shape `{ type, ...args }` the benchmark scripts send.
type TestHook = EngineClient & {
  request(req: { type: keyof EngineMethods } & Record<string, unknown>, opts?: { transfer?: Transferable[] }): Promise<unknown>;
};
Object.defineProperty(globalThis, '__classifierEngine', {
  get: (): TestHook => {
    const engine = classifierEngine() as TestHook;
    engine.request ??= ({ type, ...args }, opts = {}) => engine.call(type, args as never, opts);
    return engine;
  },
  configurable: true,
});
