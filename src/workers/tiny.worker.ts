// The tiny-nets figure's Worker: starts a backend (all a start ahead of the reader's first image
// does), loads the project's two Fashion-MNIST nets once when the page asks for them (same-origin
// layers models), then answers each image with both nets' top-3. The page never loads tfjs itself,
// and the worker reports its tensor count after each answer so leaks show. Served by the worker
// runtime (src/lib/worker-rpc): images run one after another, and one the page no longer wants (a
// newer image on its lane) is skipped. The block-deletion figure (/why-residual/) asks it for one
// deletion at a time ('lesion': its own nets and the test subset load on first use).
import { startBackend, tf } from './backends';
// Registers ZeroPadShortcut, the option-A shortcut layer that ResNet-20's model.json names.
import '../lib/arch/tfjs-model';
import { serve, type BackendInfo, type PortLike } from '../lib/worker-rpc';
import type { TinyMethods } from '../lib/tiny/methods';
import { LesionRunner } from '../lib/tiny/lesion-live';
import { TinyNetsRunner } from '../lib/tiny/nets-live';

let backend: Promise<BackendInfo> | null = null;
const nets = new TinyNetsRunner(tf);
const lesions = new LesionRunner(tf);
const started = (): Promise<BackendInfo> => backend ?? Promise.reject(new Error('The backend has not started yet'));

serve<TinyMethods>(self as unknown as PortLike, {
  start: async (req) => {
    // Set before the first await: nets asked for right after the start wait for this backend.
    backend = startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads });
    return { backend: await backend, tensors: tf.memory().numTensors };
  },
  load: async (req) => ({ tensors: await nets.load(req.models, req.norm, started()) }),
  classify: { serial: true, run: (req, ctx) => nets.classify(req.pixels, ctx.signal) },
  lesion: {
    serial: true,
    run: async (req, ctx) => {
      await started();
      return lesions.run(req, ctx.signal, (e) => ctx.emit(e));
    },
  },
});
