// The page's handle on one training-lab worker. Each figure that trains or measures gradients owns
// one (created when the reader first uses it); reset or leaving the page terminates it, which frees
// every tensor it held.
import type { BackendChoice } from '../../lib/engine/protocol';
import type { LabCommand, LabEvent, LabWorkerRequest } from '../../lib/train/lab-protocol';

export interface LabWorker {
  send(cmd: LabCommand): void;
  /** Returns an unsubscribe function. */
  on(listener: (e: LabEvent) => void): () => void;
  terminate(): void;
  /** Stops listening now, lets the session stop between two steps and free its tensors, then
   * terminates (after at most 3 s). */
  retire(): void;
  readonly alive: boolean;
}

export function createLabWorker(backend: BackendChoice = 'wasm', threads?: number): LabWorker {
  const worker = new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
  const listeners = new Set<(e: LabEvent) => void>();
  let alive = true;
  const emit = (e: LabEvent) => { for (const l of listeners) l(e); };
  worker.addEventListener('message', (m: MessageEvent<LabEvent>) => emit(m.data));
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    emit({ type: 'error', message: `The training worker stopped (${e.message || 'an error in the worker'}). Reset to start again.` });
  });
  const stop = () => lab.terminate();
  addEventListener('pagehide', stop);
  const lab: LabWorker = {
    send(cmd) { if (alive) worker.postMessage(cmd satisfies LabWorkerRequest); },
    on(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    terminate() {
      if (!alive) return;
      alive = false;
      worker.terminate();
      removeEventListener('pagehide', stop);
    },
    retire() {
      if (!alive) return;
      listeners.clear();
      // Killing the worker in the middle of a step leaves a WebGPU buffer read pending, which
      // Chromium reports on the page as an uncaught error; a reset first ends the step cleanly.
      const timer = setTimeout(() => lab.terminate(), 3000);
      worker.addEventListener('message', (m: MessageEvent<LabEvent>) => {
        if (m.data.type === 'state' && m.data.state === 'idle') { clearTimeout(timer); lab.terminate(); }
      });
      worker.postMessage({ type: 'reset' } satisfies LabWorkerRequest);
    },
    get alive() { return alive; },
  };
  worker.postMessage({ type: 'init', backend, ...(threads === undefined ? {} : { threads }) } satisfies LabWorkerRequest);
  return lab;
}
