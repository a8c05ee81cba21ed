// The engine session with real tfjs (wasm, as in the browser worker), real weights and real photos:
// shared in-flight loads, abort mid-download and mid-job, latest-wins through the worker protocol,
// and no tensors left behind.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { EngineSession } from '../../src/lib/engine/session';
import { engineHandlers } from '../../src/lib/engine/serve-engine';
import type { EngineMethods, ImageSource } from '../../src/lib/engine/methods';
import { RpcClient, WorkerCrashedError, serve, type PortLike, type WorkerLike } from '../../src/lib/worker-rpc';
import { AbortedError, isAborted } from '../../src/lib/worker-rpc/abort';
import type { BackendInfo } from '../../src/lib/worker-rpc/backend';
import { modelById, type ModelEntry } from '../../src/lib/inference/models';
import { topK } from '../../src/lib/inference/scores';
import { shortName } from '../../src/lib/inference/labels';
import { publicFetch, SITE, GALLERY_DIR, modelsPresent, photoRgba } from '../helpers/node-models';

const MOBILENET = 'mobilenet_v1_0.75';

/** A registry spec with its site-relative URL made absolute for the Node fetch shim. */
const nodeSpec = (id: string): ModelEntry => {
  const m = modelById(id);
  return { ...m, urls: [SITE + m.urls[0]!] };
};

/** RGBA pixels as a page would send them (ImageData-like), from a committed photo. */
const photo = (file: string): ImageSource => photoRgba(join(GALLERY_DIR, file));

const toPixels = (img: ImageSource): tf.Tensor3D => {
  const { width, height, data } = img as { width: number; height: number; data: Uint8ClampedArray };
  return tf.tidy(() => tf.tensor3d(Int32Array.from(data), [height, width, 4], 'int32').slice([0, 0, 0], [height, width, 3]));
};

const startBackend = async (): Promise<BackendInfo> => {
  await tf.setBackend('wasm');
  await tf.ready();
  return { name: 'wasm', note: 'Node test' };
};

/**
 * A fetch that counts requests per file and can hold every weight file until released.
 * `weightsHeld` resolves when the first weight file is held: model.json has been read and the
 * download is under way (the moment a test cancels "mid-download"). `settled()` resolves when every
 * fetch made so far has answered or failed.
 */
function countingFetch(opts: { holdWeights?: boolean } = {}) {
  const counts = new Map<string, number>();
  const calls: Promise<unknown>[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  let onHeld: () => void = () => {};
  const weightsHeld = new Promise<void>((r) => (onHeld = r));
  const f = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    counts.set(url, (counts.get(url) ?? 0) + 1);
    const call = (async () => {
      if (opts.holdWeights && !new URL(url).pathname.endsWith('model.json')) {
        onHeld();
        await Promise.race([
          released,
          new Promise((_, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true }),
          ),
        ]);
      }
      return publicFetch(input, init);
    })();
    calls.push(call);
    return call;
  }) as typeof fetch;
  const settled = async () => {
    // A fetch that settles may have been followed by more (a retry): wait until none is left pending.
    for (let seen = -1; seen !== calls.length;) {
      seen = calls.length;
      await Promise.allSettled(calls);
    }
  };
  return { fetch: f, counts, release: () => release(), weightsHeld, settled };
}

beforeAll(async () => {
  await startBackend();
  if (!modelsPresent([MOBILENET])) throw new Error('Run `npm run models` first (CI: MODELS_MIRROR=../shared/models npm run models).');
});

describe('engine session (real MobileNet, real photos, wasm)', () => {
  const sessions: EngineSession[] = [];
  const make = (fetchFunc: typeof fetch) => {
    const s = new EngineSession({ tf, startBackend, toPixels, fetchFunc });
    sessions.push(s);
    return s;
  };
  afterAll(() => sessions.forEach((s) => s.dispose()));

  test('three concurrent classifications share one download: each file is requested once', async () => {
    const net = countingFetch();
    const s = make(net.fetch);
    s.putImage('coffee', photo('coffee.jpg'));
    s.putImage('cat', photo('chelsea.jpg'));
    const spec = nodeSpec(MOBILENET);
    const results = await Promise.all([s.classify(spec, 'coffee'), s.classify(spec, 'cat'), s.classify(spec, 'coffee')]);
    expect(s.loadsStarted).toBe(1);
    expect([...net.counts.values()].every((n) => n === 1)).toBe(true);
    expect(net.counts.size).toBeGreaterThan(50); // model.json + its 55 weight groups
    expect(shortName(topK(results[0]!.probs, 1)[0]!.index)).toBe('espresso');
    expect(shortName(topK(results[2]!.probs, 1)[0]!.index)).toBe('espresso');
    s.dispose();
  });

  test('cancelling a download rejects at once, stops the fetches and leaves no tensors; a retry loads', async () => {
    const before = tf.memory().numTensors;
    const net = countingFetch({ holdWeights: true });
    const s = make(net.fetch);
    s.putImage('coffee', photo('coffee.jpg'));
    const controller = new AbortController();
    const job = s.load(nodeSpec(MOBILENET), { signal: controller.signal });
    await net.weightsHeld; // model.json read, weight files waiting
    controller.abort(new AbortedError());
    await expect(job).rejects.toSatisfy(isAborted);
    net.release();
    // Every fetch of the cancelled load has ended (the held ones failed with the abort): nothing
    // can still arrive and build a model.
    await net.settled();
    expect(tf.memory().numTensors).toBe(before);
    // A second request starts a fresh load and succeeds.
    const again = await s.classify(nodeSpec(MOBILENET), 'coffee');
    expect(shortName(topK(again.probs, 1)[0]!.index)).toBe('espresso');
    expect(s.loadsStarted).toBe(2);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('one request giving up does not cancel the download another still waits for', async () => {
    const net = countingFetch({ holdWeights: true });
    const s = make(net.fetch);
    s.putImage('coffee', photo('coffee.jpg'));
    const quitter = new AbortController();
    const a = s.classify(nodeSpec(MOBILENET), 'coffee', { signal: quitter.signal });
    const b = s.classify(nodeSpec(MOBILENET), 'coffee');
    await net.weightsHeld;
    quitter.abort(new AbortedError());
    await expect(a).rejects.toSatisfy(isAborted);
    net.release();
    expect(shortName(topK((await b).probs, 1)[0]!.index)).toBe('espresso');
    expect(s.loadsStarted).toBe(1);
    s.dispose();
  });

  test('a classification superseded mid-download stops waiting, but the download goes on for the next request', async () => {
    const net = countingFetch({ holdWeights: true });
    const s = make(net.fetch);
    s.putImage('coffee', photo('coffee.jpg'));
    const superseded = new AbortController();
    const first = s.classify(nodeSpec(MOBILENET), 'coffee', { signal: superseded.signal });
    await net.weightsHeld;
    superseded.abort(new AbortedError('superseded'));
    await expect(first).rejects.toSatisfy(isAborted);
    const next = s.classify(nodeSpec(MOBILENET), 'coffee');
    net.release();
    expect(shortName(topK((await next).probs, 1)[0]!.index)).toBe('espresso');
    expect(s.loadsStarted).toBe(1);
    expect([...net.counts.values()].every((n) => n === 1)).toBe(true);
    s.dispose();
  });

  test('disposal: numTensors is flat over 50 jobs (classifications and layer views)', async () => {
    const s = make(publicFetch);
    s.putImage('coffee', photo('coffee.jpg'));
    const spec = nodeSpec(MOBILENET);
    await s.classify(spec, 'coffee');
    const layers = await s.layers(spec);
    await s.activation(spec, 'coffee', layers![3]!.name, 8);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      if (i % 5 === 0) await s.activation(spec, 'coffee', layers![i % layers!.length]!.name, 8);
      else await s.classify(spec, 'coffee');
    }
    expect(tf.memory().numTensors).toBe(start);
    const modelTensors = start;
    s.dispose();
    expect(tf.memory().numTensors).toBeLessThan(modelTensors);
  }, 120_000);
});

/** A "worker" in-process: the session served on one end of a MessageChannel, the client on the other. */
function channelWorker(fetchFunc: typeof fetch) {
  const { port1, port2 } = new MessageChannel();
  const session = new EngineSession({ tf, startBackend, toPixels, fetchFunc });
  serve<EngineMethods>(port1 as unknown as PortLike, engineHandlers(session));
  const listeners = new Map<string, ((e: Event) => void)[]>();
  const worker: WorkerLike & { session: EngineSession } = {
    session,
    postMessage: (m, t) => port2.postMessage(m, t ?? []),
    addEventListener: (type, l) => {
      if (type === 'message') port2.addEventListener('message', l as (e: MessageEvent) => void);
      listeners.set(type, [...(listeners.get(type) ?? []), l]);
    },
    terminate: () => {
      session.dispose();
      port1.close();
      port2.close();
    },
  };
  port2.start();
  return worker;
}

describe('the engine through the worker runtime, over a message channel', () => {
  test('latest wins: of three quick classifications on one channel only the last delivers', async () => {
    const workers: ReturnType<typeof channelWorker>[] = [];
    const client = new RpcClient<EngineMethods>({
      page: null,
      create: () => {
        const w = channelWorker(publicFetch);
        workers.push(w);
        return w;
      },
    });
    const spec = nodeSpec(MOBILENET);
    await client.call('start', { backend: 'wasm' });
    await client.call('put-image', { imageId: 'coffee', image: photo('coffee.jpg') });
    await client.call('put-image', { imageId: 'cat', image: photo('chelsea.jpg') });
    const first = client.call('classify', { model: spec, imageId: 'cat' }, { lane: 'main' });
    const second = client.call('classify', { model: spec, imageId: 'cat' }, { lane: 'main' });
    const last = client.call('classify', { model: spec, imageId: 'coffee' }, { lane: 'main' });
    const settled = await Promise.allSettled([first, second, last]);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(settled.slice(0, 2).every((r) => r.status === 'rejected' && isAborted(r.reason))).toBe(true);
    const r = await last;
    expect(shortName(topK(r.probs, 1)[0]!.index)).toBe('espresso');
    expect(workers[0]!.session.loadsStarted).toBe(1);
    const mem = await client.call('memory', {});
    expect(mem.modelsCached).toBe(1);
    client.terminate();
  });

  test('a terminated worker fails its pending requests clearly, and the next request starts a new one', async () => {
    const client = new RpcClient<EngineMethods>({ create: () => channelWorker(publicFetch), page: null });
    await client.call('start', { backend: 'wasm' });
    expect(client.generation).toBe(1);
    const pending = client.call('load', { model: nodeSpec(MOBILENET) });
    client.terminate('the test stopped it');
    await expect(pending).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(pending).rejects.toThrow(/restarts by itself/);
    const info = await client.call('start', { backend: 'wasm' });
    expect(info.name).toBe('wasm');
    expect(client.generation).toBe(2);
    client.terminate();
  });

  test('a request cancelled by the page rejects as aborted, and the worker stays usable', async () => {
    const net = countingFetch({ holdWeights: true });
    const client = new RpcClient<EngineMethods>({ create: () => channelWorker(net.fetch), page: null });
    await client.call('start', { backend: 'wasm' });
    const controller = new AbortController();
    const job = client.call('load', { model: nodeSpec(MOBILENET) }, { signal: controller.signal });
    await net.weightsHeld; // the worker is mid-download
    controller.abort();
    await expect(job).rejects.toSatisfy(isAborted);
    const mem = await client.call('memory', {});
    expect(mem.modelsCached).toBe(0);
    client.terminate();
  });
});
