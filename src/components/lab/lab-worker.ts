// The page's handle on one training-lab worker. Each figure that trains or measures gradients owns
// one (created when the reader first uses it); reset or leaving the page terminates it, which frees
// every tensor it held.
import type { BackendChoice } from '../../lib/engine/protocol';
import { loweredInfo, type BackendLadder } from '../../lib/engine/backend-ladder';
import { WatchedWorker } from '../../lib/engine/watched-worker';
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

export function createLabWorker(backend: BackendChoice = 'wasm', threads?: number, ladder?: BackendLadder): LabWorker {
  const listeners = new Set<(e: LabEvent) => void>();
  const emit = (e: LabEvent) => { for (const l of listeners) l(e); };
  // Under the watchdog: a worker stuck while its backend starts is replaced by one a rung lower, which
  // gets the commands sent so far; the backend note says why.
  const watched = new WatchedWorker<LabWorkerRequest, LabEvent>({
    create: () => new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' }),
    startMessage: (rung) => ({ type: 'init', backend: rung.backend, ...(rung.threads === undefined ? {} : { threads: rung.threads }) }),
    answersStart: (e) => e.type === 'backend' || e.type === 'error',
    rung: threads === undefined ? { backend } : { backend, threads },
    ...(ladder ? { ladder } : {}),
    onHung: (note, restarted) => {
      if (!restarted) emit({ type: 'error', message: `The training worker stopped answering: ${note}. Reset to start again.` });
    },
    onCrash: (why) => emit({ type: 'error', message: `The training worker stopped (${why}). Reset to start again.` }),
  });
  watched.on((e) => emit(e.type === 'backend' ? { ...e, info: loweredInfo(e.info, watched.note) } : e));
  const stop = () => lab.terminate();
  addEventListener('pagehide', stop);
  const lab: LabWorker = {
    send(cmd) { watched.send(cmd satisfies LabWorkerRequest); },
    on(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    terminate() {
      if (!watched.alive) return;
      watched.terminate();
      removeEventListener('pagehide', stop);
    },
    retire() {
      if (!watched.alive) return;
      listeners.clear();
      // Killing the worker in the middle of a step leaves a WebGPU buffer read pending, which
      // Chromium reports on the page as an uncaught error; a reset first ends the step cleanly.
      const timer = setTimeout(() => lab.terminate(), 3000);
      watched.on((e) => {
        if (e.type === 'state' && e.state === 'idle') { clearTimeout(timer); lab.terminate(); }
      });
      watched.send({ type: 'reset' });
    },
    get alive() { return watched.alive; },
  };
  return lab;
}
