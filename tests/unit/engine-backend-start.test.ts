// The engine session starts one backend at a time: the classifier may start 'auto' early, before the
// reader's first click, and the reader may pick another backend while that start still runs. Two
// concurrent tf.setBackend calls corrupt tfjs's engine ("Cannot read properties of undefined"), so the
// second start waits for the first. In the classifier's worker, tfjs itself arrives after the session
// takes calls: a first load downloads its files meanwhile.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { EngineSession, type EngineRuntime } from '../../src/lib/engine/session';
import type { BackendChoice, BackendInfo } from '../../src/lib/worker-rpc/backend';
import type { Tf } from '../../src/lib/tf';
import { deferred } from '../helpers/fake-worker';
import { serve, tinyModelFiles, tinySpec } from '../helpers/tiny-model';

describe('EngineSession.start', () => {
  it('a start asked for while another runs begins only after it, failed or not', async () => {
    const log: string[] = [];
    const pending = new Map<BackendChoice, ReturnType<typeof deferred<BackendInfo>>>();
    const startBackend = (choice: BackendChoice) => {
      log.push(`start ${choice}`);
      const d = deferred<BackendInfo>();
      pending.set(choice, d);
      return d.promise;
    };
    const session = new EngineSession({
      tf: {} as Tf,
      startBackend,
      toPixels: () => {
        throw new Error('unused');
      },
    });
    const early = session.start('auto');
    const picked = session.start('webgpu');
    await expect.poll(() => log).toEqual(['start auto']);
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['start auto']);
    pending.get('auto')!.reject(new Error('no wasm'));
    await expect(early).rejects.toThrow('no wasm');
    await expect.poll(() => log).toEqual(['start auto', 'start webgpu']);
    pending.get('webgpu')!.resolve({ name: 'wasm', note: 'WebGPU did not start, so using WASM' });
    await expect(picked).resolves.toMatchObject({ name: 'wasm' });
    // The same choice again shares the start that is done.
    expect(session.start('webgpu')).toBe(session.start('webgpu'));
    expect(log).toHaveLength(2);
  });
});

describe('EngineSession.load while the backend starts', () => {
  it('downloads the files at once; only the build waits for the backend', async () => {
    const fetchFunc = serve(await tinyModelFiles());
    const backend = deferred<BackendInfo>();
    const session = new EngineSession({
      tf: tf as unknown as Tf,
      startBackend: () => backend.promise,
      toPixels: () => {
        throw new Error('unused');
      },
      fetchFunc,
    });
    const spec = tinySpec();
    session.start('auto');
    let built = false;
    const loading = session.load(spec).then((info) => ((built = true), info));
    await expect.poll(() => fetchFunc.calls).toEqual(['http://a.test/m/model.json', 'http://a.test/m/group1-shard1of1.bin']);
    expect(built).toBe(false);
    await tf.setBackend('cpu');
    backend.resolve({ name: 'cpu', note: 'Node test' });
    await expect(loading).resolves.toMatchObject({ id: 'tiny', inputSize: 8 });
    session.dispose();
  });
});

describe('EngineSession whose tfjs still loads', () => {
  it('takes a load at once: the files download, and the backend start and the build wait for tfjs', async () => {
    const fetchFunc = serve(await tinyModelFiles());
    const runtime = deferred<EngineRuntime>();
    const started: string[] = [];
    const session = new EngineSession({ runtime: runtime.promise, fetchFunc });
    expect(session.memory()).toMatchObject({ numTensors: 0, numBytes: 0 }); // no tensor before tfjs
    session.start('auto');
    let built = false;
    const loading = session.load(tinySpec()).then((info) => ((built = true), info));
    await expect.poll(() => fetchFunc.calls).toEqual(['http://a.test/m/model.json', 'http://a.test/m/group1-shard1of1.bin']);
    await new Promise((r) => setTimeout(r, 0));
    expect({ built, started }).toEqual({ built: false, started: [] });
    await tf.setBackend('cpu');
    runtime.resolve({
      tf: tf as unknown as Tf,
      startBackend: async (choice) => (started.push(choice), { name: 'cpu', note: 'Node test' }),
      toPixels: () => {
        throw new Error('unused');
      },
    });
    await expect(loading).resolves.toMatchObject({ id: 'tiny', inputSize: 8 });
    expect(started).toEqual(['auto']);
    expect(fetchFunc.calls).toHaveLength(2); // downloaded once
    session.dispose();
  });

  it('a tfjs that fails to load fails the backend start with its reason, and the load with it', async () => {
    const runtime = deferred<EngineRuntime>();
    const session = new EngineSession({ runtime: runtime.promise, fetchFunc: serve(await tinyModelFiles()) });
    const start = session.start('auto');
    const load = session.load(tinySpec());
    runtime.reject(new TypeError('Failed to fetch dynamically imported module'));
    await expect(start).rejects.toThrow('dynamically imported module');
    await expect(load).rejects.toThrow('dynamically imported module');
  });
});
