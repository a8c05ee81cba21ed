// The classifier's Web Worker: one engine session (backend, model cache, images) served through the
// worker runtime, so downloads, inference and layer views never block the page. This entry is small
// and takes calls at once; tfjs comes after it (./classifier-runtime), so a reader's first pick starts
// its model's download while tfjs still arrives, and only the model's build waits for it.
import './worker-evaluating';
import { EngineSession } from '../lib/engine/session';
import { engineHandlers } from '../lib/engine/serve-engine';
import { serve, type PortLike } from '../lib/worker-rpc/serve';
import type { EngineMethods } from '../lib/engine/methods';
import { WeightCache } from '../lib/inference/weight-cache';

// tfjs that cannot arrive (a dropped connection) ends this worker as an error, as a worker script that
// failed to load always did: every call waiting gets "the worker stopped", and the page's next action
// starts a fresh worker, which imports it again (a module that failed to load is not fetched again in
// the same worker). Nothing here answers meanwhile, so the reader gets that one message.
const runtime = import('./classifier-runtime').then(
  (m) => m.runtime,
  (e: unknown) => {
    setTimeout(() => {
      throw new Error(`TensorFlow.js could not be downloaded (${(e as Error).message})`);
    });
    return new Promise<never>(() => {});
  },
);

// Verified model files are kept in Cache Storage by digest: a revisit downloads none of them. Opened
// now, while the page's first load is still on its way.
const weightCache = WeightCache.fromGlobal();
weightCache.warm();
const session = new EngineSession({ runtime, weightCache });
serve<EngineMethods>(self as unknown as PortLike, engineHandlers(session));
