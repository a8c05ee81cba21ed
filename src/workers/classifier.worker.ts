// The classifier's Web Worker: one engine session (backend, model cache, images) behind the message
// protocol, so downloads, inference and layer views never block the page.
import { EngineSession } from '../lib/engine/session';
import { serveSession, type PortLike } from '../lib/engine/host';
import { startBackend, toPixels, tf } from './backends';
import { registerWasmGradKernels } from '../lib/train/wasm-grad-kernels';

// Grad-CAM differentiates on whatever backend runs: on wasm, the convolution gradients built on the
// fast forward conv (tfjs 4.22's wasm backend has no filter gradient and a slow input gradient).
registerWasmGradKernels(tf);

const session = new EngineSession({ tf, startBackend, toPixels });
serveSession(session, self as unknown as PortLike);
