// The page's handle on the classifier's engine worker: one runtime client (so one model cache) per
// page, shared by every classifier island and the ResNet-50 probe, created when a reader first starts
// a demo. The runtime ends the worker when the page goes away, which also aborts any download.
import { RpcClient, backendStart, type Args, type EventOf, type Result, type WorkerLike } from '../../lib/worker-rpc';
import type { CallOptions } from '../../lib/worker-rpc/client-options';
import type { EngineMethods } from '../../lib/engine/methods';
import type { ModelEntry } from '../../lib/inference/models';
import { mayStartEarly, type ConnectionHints } from '../../lib/start-early';

export type EngineClient = RpcClient<EngineMethods>;

/** Downloads begun by a click made before the demo's island ran, by model id (`loadEarly`). */
const earlyLoads = new Map<string, AbortController>();

/**
 * The page's client. Any `load` an island posts adopts the page's early download of that model: the
 * worker already joined the two (one download per model), so the early one stops waiting and the
 * download goes on for the island alone, whose Cancel then stops it. Here once, for every island.
 */
class PageEngine extends RpcClient<EngineMethods> {
  override call<K extends keyof EngineMethods & string>(
    method: K,
    args: Args<EngineMethods, K>,
    opts?: CallOptions<EventOf<EngineMethods, K>>,
  ): Promise<Result<EngineMethods, K>> {
    const pending = super.call(method, args, opts); // posted by now, unless its signal had already aborted
    if (method === 'load' && !opts?.signal?.aborted) {
      const id = (args as Args<EngineMethods, 'load'>).model.id;
      earlyLoads.get(id)?.abort();
      earlyLoads.delete(id);
    }
    return pending;
  }
}

let shared: EngineClient | null = null;

export function classifierEngine(): EngineClient {
  shared ??= new PageEngine({
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

/**
 * A model a reader's click needs before the island that answers it has run (its code still loading):
 * the worker starts (if it has not) and begins the download now. The island's own load, posted when it
 * mounts, joins the same download in the worker (one per model) and adopts it (`PageEngine`).
 */
export function loadEarly(model: ModelEntry): void {
  if (earlyLoads.has(model.id)) return;
  const engine = classifierEngine();
  const stop = new AbortController();
  if (!engine.running) void engine.retryingStartHangs(() => engine.call('start', { backend: 'auto' })).catch(() => {});
  const loading = engine.call('load', { model }, { signal: stop.signal }); // registered after, so it does not adopt itself
  earlyLoads.set(model.id, stop);
  void loading
    .catch(() => {}) // the island's own load tells what went wrong
    .finally(() => earlyLoads.get(model.id) === stop && earlyLoads.delete(model.id));
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
