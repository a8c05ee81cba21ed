// The page's handle on one training-lab worker (src/workers/lab.worker.ts), through the worker
// runtime: each figure that trains or measures gradients owns one (created when the reader first uses
// it). The backend starts under the watchdog (a hang moves it a rung lower and replays the run); reset,
// leaving the page or closing it ends the worker, which frees every tensor it held. Every event the
// worker sends, and every failure, reaches the one `onEvent` the figure gives.
import {
  RpcClient,
  WorkerCrashedError,
  backendStart,
  isAborted,
  loweredInfo,
  type BackendChoice,
  type BackendLadder,
} from '../../lib/worker-rpc';
import type { LabEvent, LabMethods, LabSettings, LandscapeArgs, LandscapeEvent } from '../../lib/train/lab-methods';

export interface LabWorker {
  /** Starts a run; its events stream to `onEvent` until it is done, reset or replaced. */
  start(settings: LabSettings): void;
  pause(): void;
  resume(): void;
  /** One backward pass; a newer call supersedes this one (it rejects as aborted). */
  gradients(settings: LabSettings): Promise<void>;
  /** The worker's tensor count, as a 'memory' event. */
  memory(): void;
  /** The loss around both trained nets (paused or done); a newer call supersedes this one (it rejects
   * as aborted), and so does Start, Resume or Reset in the worker. */
  landscape(args: LandscapeArgs, onEvent: (e: LandscapeEvent) => void, signal?: AbortSignal): Promise<{ iteration: number }>;
  /** Stops listening now, lets the session stop between two steps and free its tensors, then
   * terminates (after at most 3 s). */
  retire(): void;
  terminate(): void;
}

interface LabWorkerOptions {
  backend?: BackendChoice;
  threads?: number;
  /** Shared by every worker of a figure, so a later one starts where a hang left off. */
  ladder?: BackendLadder;
}

export function createLabWorker(onEvent: (e: LabEvent) => void, opts: LabWorkerOptions = {}): LabWorker {
  let listening = true;
  const emit = (e: LabEvent) => {
    if (listening) onEvent(e);
  };
  const client = new RpcClient<LabMethods, LabEvent>({
    create: () => new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' }),
    start: backendStart<LabMethods>('init'),
    ...(opts.ladder ? { ladder: opts.ladder } : {}),
    onHung: (e, restarted) => {
      if (!restarted) emit({ type: 'error', message: `The training worker stopped answering: ${e.note}. Reset to start again.` });
    },
    onCrash: (e) => emit({ type: 'error', message: `The training worker stopped (${e.detail}). Reset to start again.` }),
  });
  client.onBroadcast(emit);
  /** A call's own failure as an event; a superseded call or a stopped worker (reported above) is not one. */
  const failed = (e: unknown): void => {
    if (isAborted(e) || e instanceof WorkerCrashedError) return;
    emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  };
  const init = { backend: opts.backend ?? 'wasm', ...(opts.threads === undefined ? {} : { threads: opts.threads }) };
  client.call('init', init).then((info) => emit({ type: 'backend', info: loweredInfo(info, client.note) }), failed);
  const quiet = (p: Promise<unknown>): void => void p.catch(failed);
  return {
    start: (settings) => quiet(client.call('start', settings, { lane: 'run', replay: true, onEvent: emit })),
    pause: () => quiet(client.call('pause', null, { onEvent: emit })),
    resume: () => quiet(client.call('resume', null, { onEvent: emit })),
    gradients: (settings) => client.call('gradients', settings, { lane: 'gradients', replay: true, onEvent: emit }),
    landscape: (args, onEvent, signal) =>
      client.call('landscape', args, { lane: 'landscape', onEvent: (e) => listening && onEvent(e), ...(signal ? { signal } : {}) }),
    memory: () => quiet(client.call('memory', null).then((m) => emit({ type: 'memory', ...m }))),
    retire() {
      if (!client.running) return;
      listening = false;
      // Killing the worker in the middle of a step leaves a WebGPU buffer read pending, which
      // Chromium reports on the page as an uncaught error; a reset first ends the step cleanly.
      const timer = setTimeout(() => client.dispose(), 3000);
      void client
        .call('reset', null)
        .catch(() => undefined)
        .finally(() => {
          clearTimeout(timer);
          client.dispose();
        });
    },
    terminate: () => client.dispose(),
  };
}
