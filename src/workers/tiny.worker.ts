// The tiny-nets figure's Worker: starts a backend, loads the project's two Fashion-MNIST nets once
// (same-origin layers models), then answers each image with both nets' top-3. The page never loads
// tfjs itself, and the worker reports its tensor count after each answer so leaks show.
import { startBackend, tf } from './backends';
import { classifyPixels } from '../lib/tiny/classify';
// Registers ZeroPadShortcut, the option-A shortcut layer that ResNet-20's model.json names.
import '../lib/arch/tfjs-model';
import type { TinyReply, TinyRequest } from '../lib/tiny/protocol';

const post = (m: TinyReply) => postMessage(m);

let models: Promise<{ id: string; model: tf.LayersModel }[]> | null = null;
let norm = { mean: 0, std: 1 };

async function start(req: Extract<TinyRequest, { type: 'start' }>): Promise<void> {
  norm = req.norm;
  const backend = await startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads });
  models = Promise.all(req.models.map(async (m) => ({ id: m.id, model: await tf.loadLayersModel(m.url) })));
  await models;
  post({ type: 'ready', backend, tensors: tf.memory().numTensors });
}

// Requests run one after another, so answers arrive in order and never interleave on the backend.
let queue: Promise<void> = Promise.resolve();

async function classify(req: Extract<TinyRequest, { type: 'classify' }>): Promise<void> {
  if (!models) throw new Error('The nets are not loaded yet');
  const nets = await models;
  const t0 = performance.now();
  const answers = [];
  for (const n of nets) answers.push({ id: n.id, top: await classifyPixels(tf, n.model, req.pixels, norm, 3) });
  const mem = tf.memory();
  post({ type: 'result', seq: req.seq, answers, ms: performance.now() - t0, tensors: mem.numTensors, bytes: mem.numBytes });
}

addEventListener('message', (e: MessageEvent<TinyRequest>) => {
  const req = e.data;
  const seq = req.type === 'classify' ? req.seq : undefined;
  const run = req.type === 'start' ? () => start(req) : () => classify(req);
  queue = queue.then(run).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    post(seq === undefined ? { type: 'error', message } : { type: 'error', seq, message });
  });
});
