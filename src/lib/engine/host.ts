// The worker side of the protocol: takes requests from a port (the worker's `self`, or a
// MessageChannel port in tests), runs them on an EngineSession and answers. Requests that name a
// channel are latest-wins; any request can be cancelled by id.
import type { EngineSession } from './session';
import { LatestWins, isAborted } from '../worker-rpc/abort';
import type { Envelope, Reply, Request, SerializedError } from './protocol';

export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  start?: () => void;
}

export function serializeError(err: unknown): SerializedError {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; kind?: unknown; attempts?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(err),
      ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
      ...(Array.isArray(e.attempts) ? { attempts: e.attempts.map(String) } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

export function serveSession(session: EngineSession, port: PortLike): void {
  const running = new Map<number, AbortController>();
  const channels = new Map<string, LatestWins>();

  const run = (req: Request, signal: AbortSignal, progress: (f: number, l: number, t: number) => void): Promise<unknown> => {
    const opts = { signal, onProgress: progress };
    switch (req.type) {
      case 'start':
        return session.start(req.backend, req.threads);
      case 'load':
        return session.load(req.model, opts);
      case 'put-image':
        return Promise.resolve(session.putImage(req.imageId, req.image));
      case 'classify':
        return session.classify(req.model, req.imageId, opts);
      case 'layers':
        return session.layers(req.model, opts);
      case 'activation':
        return session.activation(req.model, req.imageId, req.layer, req.count, opts);
      case 'memory':
        return Promise.resolve(session.memory());
      case 'raw-predict':
        return session.rawPredict(req.model, req.imageId, req.runs).then((ms) => ({ ms }));
      case 'probe-layer':
        return session.probeLayer(req.model, req.imageId, req.layer, req.count, opts);
      case 'residuals':
        return session.residuals(req.model, req.imageId, opts);
      case 'residual-maps':
        return session.residualMaps(req.model, req.imageId, req.block, req.count, opts);
      case 'gradcam':
        return session.gradCam(req.model, req.imageId, req.classIndex, opts);
      case 'cancel':
        running.get(req.target)?.abort();
        return Promise.resolve(null);
    }
  };

  port.addEventListener('message', (e: MessageEvent) => {
    const { id, channel, req } = e.data as Envelope;
    const controller = new AbortController();
    running.set(id, controller);
    const progress = (fraction: number, loaded: number, total: number) =>
      port.postMessage({ id, type: 'progress', fraction, loaded, total } satisfies Reply);
    let job: Promise<unknown>;
    try {
      if (channel) {
        let lane = channels.get(channel);
        if (!lane) channels.set(channel, (lane = new LatestWins()));
        job = lane.run((signal) => run(req, signal, progress), controller.signal);
      } else {
        job = Promise.resolve().then(() => run(req, controller.signal, progress));
      }
    } catch (err) {
      job = Promise.reject(err);
    }
    job.then(
      (value) => {
        const transfer = value && typeof value === 'object' && 'probs' in value && (value as { probs: unknown }).probs instanceof Float32Array
          ? [((value as { probs: Float32Array }).probs.buffer as ArrayBuffer)]
          : [];
        port.postMessage({ id, type: 'ok', value } satisfies Reply, transfer);
      },
      (err: unknown) => port.postMessage({ id, type: 'error', error: isAborted(err) ? { name: 'AbortError', message: (err as Error).message } : serializeError(err) } satisfies Reply),
    ).finally(() => running.delete(id));
  });
  port.start?.();
}
