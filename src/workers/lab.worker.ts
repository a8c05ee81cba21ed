// The training lab's Web Worker: starts a backend (the wasm one gets the convolution-gradient
// kernels that reuse its fast forward convolution), then forwards every command to one LabSession
// and posts its events back. Commands run one after another, so a pause always lands between steps.
import { startBackend, tf } from './backends';
import { registerWasmGradKernels } from '../lib/train/wasm-grad-kernels';
import { loadFashionMnist } from '../lib/train/fashion-mnist';
import { LabSession } from '../lib/train/lab-session';
import type { LabEvent, LabWorkerRequest } from '../lib/train/lab-protocol';

registerWasmGradKernels(tf);

const post = (e: LabEvent) => postMessage(e);
// The data sits in the site's public folder; the worker's URL is under /_astro/, so resolve from the origin.
const baseUrl = new URL('/data/fashion-mnist/', self.location.origin).href;

const session = new LabSession({
  tf,
  post,
  loadData: (onProgress) => loadFashionMnist({ baseUrl, onProgress }),
});

// A backend can fail under a running step (WebGPU's device lost, for one): the reader gets the
// message and Reset, not an uncaught error.
addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  e.preventDefault();
  const why = e.reason instanceof Error ? e.reason.message : String(e.reason);
  post({ type: 'error', message: `Training stopped: the backend failed (${why}). Reset, or choose another backend.` });
});

let ready: Promise<void> | null = null;

addEventListener('message', (e: MessageEvent<LabWorkerRequest>) => {
  const req = e.data;
  if (req.type === 'init') {
    ready = startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads }).then(
      (info) => post({ type: 'backend', info }),
      (err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  // Pause, resume and reset must reach the session while its training loop runs, so they are not
  // queued behind it: the session itself takes them between two steps.
  void (ready ?? Promise.resolve()).then(() => session.handle(req));
});
