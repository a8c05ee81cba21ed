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
    get alive() { return alive; },
  };
  worker.postMessage({ type: 'init', backend, ...(threads === undefined ? {} : { threads }) } satisfies LabWorkerRequest);
  return lab;
}
