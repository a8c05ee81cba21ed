// The training lab's Web Worker: starts a backend (the wasm one gets the convolution-gradient
// kernels that reuse its fast forward convolution), then turns each call into a command for one
// LabSession and streams its events back (src/lib/train/lab-methods.ts `LabMethods`). A run's events
// go on its `start` call until it is done, reset or replaced; pause and resume reach the session while
// its loop runs, which takes them between two steps.
import { startBackend, tf } from './backends';
import { registerWasmGradKernels } from '../lib/train/wasm-grad-kernels';
import { loadFashionMnist } from '../lib/train/fashion-mnist';
import { LabSession } from '../lib/train/lab-session';
import { mapLabLandscape } from '../lib/train/lab-landscape';
import { serve, type CallContext, type PortLike } from '../lib/worker-rpc';
import type { LabCommand, LabEvent, LabMethods } from '../lib/train/lab-methods';

registerWasmGradKernels(tf);

/** The open run: its call's stream, and how to end that call. */
let run: { ctx: CallContext<LabEvent>; end: () => void } | null = null;
/** The serial call being handled (a gradient snapshot), whose stream gets the events when no run is open. */
let current: CallContext<LabEvent> | null = null;

function closeRun(): void {
  const r = run;
  run = null;
  r?.end();
}

function post(e: LabEvent): void {
  const to = run?.ctx ?? current;
  if (to) to.emit(e);
  else served.broadcast(e);
  if (run && (e.type === 'done' || e.type === 'error' || e.type === 'refused')) closeRun();
}

// The data sits in the site's public folder; the worker's URL is under /_astro/, so resolve from the origin.
const baseUrl = new URL('/data/fashion-mnist/', self.location.origin).href;
const session = new LabSession({ tf, post, loadData: (onProgress) => loadFashionMnist({ baseUrl, onProgress }) });

// A backend can fail under a running step (WebGPU's device lost, for one): the reader gets the
// message and Reset, not an uncaught error.
addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  e.preventDefault();
  const why = e.reason instanceof Error ? e.reason.message : String(e.reason);
  post({ type: 'error', message: `Training stopped: the backend failed (${why}). Reset, or choose another backend.` });
});

/** Commands wait for the backend the page asked for first. */
let ready: Promise<unknown> = Promise.resolve();

/** The landscape being mapped: it moves the nets' weights, so anything that trains, measures or
 * frees them first ends it (its weights put back, its tensors freed) and waits for that. */
let job: { stop: AbortController; done: Promise<unknown> } | null = null;
async function stopLandscape(): Promise<void> {
  const j = job;
  job = null;
  j?.stop.abort();
  await j?.done.catch(() => undefined);
}

const command = async (cmd: LabCommand): Promise<void> => {
  await ready;
  if (cmd.type !== 'pause' && cmd.type !== 'memory') await stopLandscape();
  await session.handle(cmd);
};

const served = serve<LabMethods, LabEvent>(self as unknown as PortLike, {
  init: (req) => {
    const started = startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads });
    ready = started.catch(() => undefined);
    return started;
  },
  start: async (settings, ctx) => {
    closeRun();
    const ended = new Promise<void>((resolve) => (run = { ctx, end: resolve }));
    // The page no longer listens (a newer start, or it went away): the run goes on, unheard.
    ctx.signal.addEventListener('abort', () => run?.ctx === ctx && closeRun(), { once: true });
    await command({ type: 'start', settings });
    return ended;
  },
  pause: () => command({ type: 'pause' }),
  resume: () => command({ type: 'resume' }),
  reset: async () => {
    await command({ type: 'reset' });
    closeRun();
  },
  gradients: {
    // One at a time: a second would replace the nets the first is measuring.
    serial: true,
    run: async (settings, ctx) => {
      current = ctx;
      try {
        await command({ type: 'gradients', settings });
      } finally {
        current = null;
      }
    },
  },
  landscape: async (args, ctx) => {
    await ready;
    await stopLandscape();
    const stop = new AbortController();
    const done = mapLabLandscape(tf, session, args, AbortSignal.any([stop.signal, ctx.signal]), (e) => ctx.emit(e));
    job = { stop, done };
    try {
      return await done;
    } finally {
      if (job?.done === done) job = null;
    }
  },
  memory: {
    // After any snapshot already asked for, so the count is taken between two, with no nets built.
    serial: true,
    run: async () => {
      await ready;
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes };
    },
  },
});
