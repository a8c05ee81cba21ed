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

const runtime = import('./classifier-runtime').then((m) => m.runtime);
// tfjs that cannot arrive (a dropped connection) ends this worker as an error, as a worker script that
// failed to load always did: the page says the worker stopped, and its next action starts a fresh
// worker, which imports it again (a module that failed to load is not fetched again in the same worker).
runtime.catch((e: unknown) =>
  setTimeout(() => {
    throw e;
  }),
);

// Verified model files are kept in Cache Storage by digest: a revisit downloads none of them.
const session = new EngineSession({ runtime, weightCache: WeightCache.fromGlobal() });
serve<EngineMethods>(self as unknown as PortLike, engineHandlers(session));
