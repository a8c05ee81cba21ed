// The tiny-nets figure's Worker: starts a backend, loads the project's two Fashion-MNIST nets once
// (same-origin layers models), then answers each image with both nets' top-3. The page never loads
// tfjs itself, and the worker reports its tensor count after each answer so leaks show. Served by the
// worker runtime (src/lib/worker-rpc): images run one after another, and one the page no longer wants
// (a newer image on its lane) is skipped. The block-deletion figure (/why-residual/) asks it for one
// deletion at a time ('lesion': its own nets and the test subset load on first use).
import { startBackend, tf } from './backends';
import { classifyPixels } from '../lib/tiny/classify';
// Registers ZeroPadShortcut, the option-A shortcut layer that ResNet-20's model.json names.
import '../lib/arch/tfjs-model';
import { serve, throwIfAborted, type PortLike } from '../lib/worker-rpc';
import type { TinyMethods } from '../lib/tiny/methods';
import { LesionRunner } from '../lib/tiny/lesion-live';

let models: Promise<{ id: string; model: tf.LayersModel }[]> | null = null;
let norm = { mean: 0, std: 1 };
const lesions = new LesionRunner(tf);

serve<TinyMethods>(self as unknown as PortLike, {
  start: async (req) => {
    norm = req.norm;
    // Set before the first await: an image sent right after the start waits for these nets.
    const started = startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads });
    models = started.then(() => Promise.all(req.models.map(async (m) => ({ id: m.id, model: await tf.loadLayersModel(m.url) }))));
    const [backend] = await Promise.all([started, models]);
    return { backend, tensors: tf.memory().numTensors };
  },
  classify: {
    serial: true,
    run: async (req, ctx) => {
      if (!models) throw new Error('The nets are not loaded yet');
      const nets = await models;
      throwIfAborted(ctx.signal);
      const t0 = performance.now();
      const answers = [];
      for (const n of nets) answers.push({ id: n.id, top: await classifyPixels(tf, n.model, req.pixels, norm, 3) });
      return { answers, ms: performance.now() - t0, tensors: tf.memory().numTensors };
    },
  },
  lesion: {
    serial: true,
    run: async (req, ctx) => {
      if (!models) throw new Error('The backend has not started yet');
      await models;
      return lesions.run(req, ctx.signal, (e) => ctx.emit(e));
    },
  },
});
