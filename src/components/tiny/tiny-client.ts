// The tiny-nets figure's worker (src/workers/tiny.worker.ts) behind the TinyWorker interface, through
// the worker runtime: its backend starts under the watchdog (a hang moves it a rung lower and sends the
// start, the nets' load and the latest image again), pagehide ends it, and the latest image wins on the
// 'image' lane. The nets' weights load only when asked for (`loadNets`), never with the start.
import { BackendLadder, RpcClient, WorkerCrashedError, WorkerHungError, backendStart } from '../../lib/worker-rpc';
import type { TinyMethods, TinyModelRef } from '../../lib/tiny/methods';
import { TinyStopped, type TinyWorker } from './tiny-state.svelte';

// A hang moves every later worker of this figure down a rung.
const ladder = new BackendLadder();

const stoppedMessage = (e: WorkerCrashedError): string =>
  e instanceof WorkerHungError
    ? `The nets' worker stopped answering (${e.note}). Pick an image again to restart it.`
    : "The nets' worker stopped unexpectedly. Pick an image again to restart it.";

export function startTinyWorker(
  models: readonly TinyModelRef[],
  norm: { mean: number; std: number },
  onStopped: (message: string) => void,
): TinyWorker {
  const client = new RpcClient<TinyMethods>({
    create: () => new Worker(new URL('../../workers/tiny.worker.ts', import.meta.url), { type: 'module', name: 'tiny-nets' }),
    start: backendStart<TinyMethods>('start'),
    ladder,
    onHung: (e, restarted) => {
      if (!restarted) onStopped(stoppedMessage(e));
    },
    onCrash: (e) => onStopped(stoppedMessage(e)),
  });
  // A call that failed because the worker stopped says so in the figure's words.
  const own = (e: unknown): never => {
    throw e instanceof WorkerCrashedError ? new TinyStopped(stoppedMessage(e)) : e;
  };
  const ready = client.call('start', { backend: 'wasm' }).then(({ backend }) => ({ backend, note: client.note }), own);
  return {
    ready,
    loadNets: () => client.call('load', { models, norm }, { replay: true }).then(() => undefined, own),
    classify: (pixels) => client.call('classify', { pixels }, { lane: 'image', replay: true }).catch(own),
    terminate: () => client.dispose(),
  };
}
