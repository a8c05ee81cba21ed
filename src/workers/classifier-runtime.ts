// What the classifier's worker computes with, imported by its entry after the session is taking calls:
// tfjs (2.3 MB of script, most of the worker's bytes), its backends and the wasm gradient kernels. A
// first load's files download while this arrives (src/workers/classifier.worker.ts).
import { startBackend, toPixels, tf } from './backends';
import { registerWasmGradKernels } from '../lib/train/wasm-grad-kernels';
import { mark } from '../lib/perf/marks';
import { WORKER_IMPORTED } from '../lib/perf/cold-timeline';
import type { EngineRuntime } from '../lib/engine/session';

// Grad-CAM differentiates on whatever backend runs: on wasm, the convolution gradients built on the
// fast forward conv (tfjs 4.22's wasm backend has no filter gradient and a slow input gradient).
registerWasmGradKernels(tf);
mark(WORKER_IMPORTED);

export const runtime: EngineRuntime = { tf, startBackend, toPixels };
