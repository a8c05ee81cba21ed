// The page's handle on the classifier worker: one EngineClient (so one model cache) per page, shared
// by every classifier island on it, created when a reader first starts a demo. The worker is stopped
// when the page goes away, which also aborts any download it is running.
import { EngineClient, type WorkerLike } from '../../lib/engine/client';

let shared: EngineClient | null = null;

export function classifierEngine(): EngineClient {
  if (shared) return shared;
  const client = new EngineClient(
    () => new Worker(new URL('../../workers/classifier.worker.ts', import.meta.url), { type: 'module', name: 'classifier' }) as unknown as WorkerLike,
  );
  addEventListener('pagehide', () => client.terminate('you left the page'));
  shared = client;
  return client;
}

/** A copy of the bitmap the worker can own: the page keeps its own to send again after a restart. */
export const transferableCopy = (bitmap: ImageBitmap): Promise<ImageBitmap> => createImageBitmap(bitmap);

// Tests stop the worker the way a crash would (Playwright cannot terminate a page's worker itself), and
// the benchmark drives the engine directly: both reach the page's one client through this getter.
Object.defineProperty(globalThis, '__classifierEngine', { get: classifierEngine, configurable: true });
