// The tiny-nets figure's worker (src/workers/tiny.worker.ts) behind the TinyWorker interface: started
// under the watchdog, ended on pagehide, latest image wins.
import { AbortedError } from '../../lib/engine/abort';
import { BackendLadder } from '../../lib/engine/backend-ladder';
import { WatchedWorker } from '../../lib/engine/watched-worker';
import type { TinyModelRef, TinyReply, TinyRequest } from '../../lib/tiny/protocol';
import { TinyStopped, type TinyAnswers, type TinyWorker } from './tiny-state.svelte';

// A hang moves every later worker of this figure down a rung (src/lib/engine/backend-ladder.ts).
const ladder = new BackendLadder();

export function startTinyWorker(models: readonly TinyModelRef[], norm: { mean: number; std: number }): TinyWorker {
  let seq = 0;
  let pending: { seq: number; resolve: (a: TinyAnswers) => void; reject: (e: unknown) => void } | null = null;
  let readyResolve: (v: Awaited<TinyWorker['ready']>) => void = () => {};
  let readyReject: (e: unknown) => void = () => {};
  const ready = new Promise<Awaited<TinyWorker['ready']>>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  ready.catch(() => {});
  const stop = (message: string) => {
    const e = new TinyStopped(message);
    readyReject(e);
    pending?.reject(e);
    pending = null;
    removeEventListener('pagehide', terminate);
  };
  // Under the watchdog: a worker stuck while its backend starts is replaced by one a rung lower,
  // which gets the images asked for meanwhile.
  const w = new WatchedWorker<TinyRequest, TinyReply>({
    create: () => new Worker(new URL('../../workers/tiny.worker.ts', import.meta.url), { type: 'module', name: 'tiny-nets' }),
    startMessage: (rung) => ({ type: 'start', backend: rung.backend, ...(rung.threads === undefined ? {} : { threads: rung.threads }), models, norm }),
    answersStart: (m) => m.type === 'ready' || (m.type === 'error' && m.seq === undefined),
    rung: { backend: 'wasm' },
    ladder,
    onHung: (note, restarted) => {
      if (!restarted) stop(`The nets' worker stopped answering (${note}). Pick an image again to restart it.`);
    },
    onCrash: () => stop("The nets' worker stopped unexpectedly. Pick an image again to restart it."),
  });
  w.on((m) => {
    if (m.type === 'ready') readyResolve({ backend: m.backend, note: w.note });
    else if (m.type === 'result') {
      if (m.seq !== pending?.seq) return; // latest wins: an older answer is dropped
      pending.resolve({ answers: m.answers, ms: m.ms, tensors: m.tensors });
      pending = null;
    } else if (m.seq === undefined) readyReject(new Error(m.message));
    else if (m.seq === pending?.seq) {
      pending.reject(new Error(m.message));
      pending = null;
    }
  });
  function terminate(): void {
    w.terminate();
    removeEventListener('pagehide', terminate);
  }
  addEventListener('pagehide', terminate);
  return {
    ready,
    classify(pixels) {
      pending?.reject(new AbortedError('superseded'));
      return new Promise<TinyAnswers>((resolve, reject) => {
        pending = { seq: ++seq, resolve, reject };
        w.send({ type: 'classify', seq, pixels });
      });
    },
    terminate,
  };
}
