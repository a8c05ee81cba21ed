// The classifier's Web Worker: one engine session (backend, model cache, images) served through the
// worker runtime, so downloads, inference and layer views never block the page.
import './worker-evaluating';
import { EngineSession } from '../lib/engine/session';
import { engineHandlers } from '../lib/engine/serve-engine';
import { serve, type PortLike } from '../lib/worker-rpc/serve';
import type { EngineMethods } from '../lib/engine/methods';
import { startBackend, toPixels, tf } from './backends';
import { registerWasmGradKernels } from '../lib/train/wasm-grad-kernels';
import { mark } from '../lib/perf/marks';
import { WORKER_IMPORTED } from '../lib/perf/cold-timeline';
import { WeightCache } from '../lib/inference/weight-cache';

// Grad-CAM differentiates on whatever backend runs: on wasm, the convolution gradients built on the
// fast forward conv (tfjs 4.22's wasm backend has no filter gradient and a slow input gradient).
registerWasmGradKernels(tf);
mark(WORKER_IMPORTED);

// Verified model files are kept in Cache Storage by digest: a revisit downloads none of them.
const session = new EngineSession({ tf, startBackend, toPixels, weightCache: WeightCache.fromGlobal() });
serve<EngineMethods>(self as unknown as PortLike, engineHandlers(session));
