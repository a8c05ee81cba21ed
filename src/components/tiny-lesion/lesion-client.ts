// The block-deletion figure's worker: the tiny-nets worker (src/workers/tiny.worker.ts) behind the
// LesionWorker interface, through the worker runtime. Its start is the backend only (the figure may
// start it ahead of the first recompute); each deletion loads its own net and the test subset on first
// use. The latest deletion wins on the 'lesion' lane; pagehide ends the worker.
import { BackendLadder, RpcClient, type WorkerCrashedError, WorkerHungError, backendStart } from '../../lib/worker-rpc';
import type { TinyMethods } from '../../lib/tiny/methods';
import type { LesionWorker } from './lesion-state.svelte';

const ladder = new BackendLadder();

const stoppedMessage = (e: WorkerCrashedError): string =>
  e instanceof WorkerHungError
    ? `The nets' worker stopped answering (${e.note}). Press “Recompute live” again to restart it.`
    : "The nets' worker stopped unexpectedly. Press “Recompute live” again to restart it.";

/** `models`: each lesion net's model.json URL; `data`: the Fashion-MNIST folder URL (ending with '/'). */
export function startLesionWorker(
  models: Readonly<Record<string, string>>,
  data: string,
  norm: { mean: number; std: number },
  onStopped: (message: string) => void,
): LesionWorker {
  const client = new RpcClient<TinyMethods>({
    create: () => new Worker(new URL('../../workers/tiny.worker.ts', import.meta.url), { type: 'module', name: 'tiny-lesion' }),
    start: backendStart<TinyMethods>('start'),
    ladder,
    onHung: (e, restarted) => {
      if (!restarted) onStopped(stoppedMessage(e));
    },
    onCrash: (e) => onStopped(stoppedMessage(e)),
  });
  const ready = client.call('start', { backend: 'wasm' }).then(({ backend }) => ({ backend, note: client.note }));
  return {
    ready,
    lesion: (net, removed, { signal, onEvent }) => {
      const model = models[net];
      if (!model) return Promise.reject(new Error(`No model for ${net}`));
      return client.call('lesion', { net, model, removed, data, norm }, { signal, lane: 'lesion', onEvent });
    },
    terminate: () => client.dispose(),
  };
}
