// A fake classifier engine for the classifier's and the probe's state tests: the real runtime client
// (lanes, abort, progress, worker restarts) over a worker in this process whose methods answer as the
// engine does, from tiny fake images, and hold their answers while a test says so. A test replaces
// any method with `engine.on(method, handler)`; `failLoads` and `answerLoads` are the two `load`s the
// state tests need.
import { RpcClient, type Handler, type Handlers, type WorkerLike } from '../../src/lib/worker-rpc';
import type { EngineMethods, ImageSource, ModelInfo } from '../../src/lib/engine/methods';
import type { ModelEntry } from '../../src/lib/inference/models';
import type { ResidualRatio } from '../../src/lib/probe/types';
import { channelWorker, deferred } from './fake-worker';

type Method = keyof EngineMethods;
/** What a test can hold: every call of a method, or the load of one model (`load <id>`). */
type Gate = Method | `load ${string}`;

/** A decoded photo the page holds: a fake ImageBitmap whose pixels say which class it shows. */
export interface FakeBitmap {
  readonly width: number;
  readonly height: number;
  readonly shows: number;
  closed: boolean;
  close(): void;
}

export const fakeBitmap = (shows: number, width = 640, height = 480): FakeBitmap & ImageBitmap =>
  ({
    width,
    height,
    shows,
    closed: false,
    close() {
      this.closed = true;
    },
  }) as FakeBitmap & ImageBitmap;

/** The worker's copy of a fake bitmap: the class it shows in its first two bytes. */
export const copyOf = (b: ImageBitmap): ImageSource => {
  const shows = (b as unknown as FakeBitmap).shows;
  return { width: b.width, height: b.height, data: Uint8Array.of(shows & 255, shows >> 8) };
};

const showsOf = (image: ImageSource): number => {
  const d = (image as { data: Uint8Array }).data;
  return d[0]! | (d[1]! << 8);
};

/** 1000 probabilities: `top` first, then the next four classes, the rest shared thinly. */
function probsWithTop(top: number): Float32Array {
  const probs = new Float32Array(1000).fill(0.12 / 995);
  [0.5, 0.2, 0.1, 0.05, 0.03].forEach((p, i) => (probs[(top + i) % 1000] = p));
  return probs;
}

/** ‖F(x)‖ / ‖x‖ for some blocks of ResNet-50 (stage 2's first is a projection block). */
export const RATIOS: ResidualRatio[] = [
  { block: 'conv2_block1', stage: 2, projection: true, branchNorm: 3, shortcutNorm: 2, ratio: 1.5 },
  { block: 'conv2_block2', stage: 2, projection: false, branchNorm: 1, shortcutNorm: 4, ratio: 0.25 },
  { block: 'conv3_block1', stage: 3, projection: true, branchNorm: 4, shortcutNorm: 1, ratio: 4 },
  { block: 'conv3_block2', stage: 3, projection: false, branchNorm: 1, shortcutNorm: 2, ratio: 0.5 },
];

/** What the engine's `load` answers for `model`: downloaded, not from the cache (`over` changes some of it). */
const modelInfo = (model: ModelEntry, over: Partial<ModelInfo> = {}): ModelInfo => ({
  id: model.id,
  url: model.urls[0]!,
  format: model.format,
  inputSize: model.inputSize,
  bytes: model.bytes,
  host: new URL(model.urls[0]!).host,
  fallback: false,
  cachedBytes: 0,
  notKept: null,
  ...over,
});

export class FakeEngine {
  /** The methods the current and earlier workers were called with, in order. */
  readonly log: Method[] = [];
  /** Workers started so far. */
  workers = 0;
  /** The images the current worker holds. */
  images = new Map<string, ImageSource>();
  /** Models the current worker has loaded. */
  loaded = new Set<string>();
  readonly client: RpcClient<EngineMethods>;
  /** Told each method as the worker receives it (a test reads what the page shows at that moment). */
  onCall: (method: Method) => void = () => {};
  private readonly gates = new Map<Gate, { promise: Promise<void>; resolve: () => void }>();
  private readonly overrides: Partial<Handlers<EngineMethods>> = {};

  constructor() {
    this.client = new RpcClient<EngineMethods>({ create: () => this.start(), page: null });
  }

  /** Answers of `method` wait from now until `release(method)` (a call superseded meanwhile never answers). */
  hold(method: Gate): void {
    this.gates.set(method, deferred<void>());
  }

  release(method: Gate): void {
    this.gates.get(method)?.resolve();
    this.gates.delete(method);
  }

  /** Replaces a method's answer. */
  on<K extends Method>(method: K, handler: Handler<EngineMethods, K>): void {
    (this.overrides as Record<K, Handler<EngineMethods, K>>)[method] = handler;
  }

  /** Every `load` from now fails as a download the network broke (a `ModelLoadError` of kind "network"). */
  failLoads(message: string): void {
    this.on('load', () => {
      throw Object.assign(new Error(message), { name: 'ModelLoadError', kind: 'network' });
    });
  }

  /** Every `load` from now answers at once with `modelInfo(model, over)`: no progress, nothing held. */
  answerLoads(over: Partial<ModelInfo> = {}): void {
    this.on('load', ({ model }) => modelInfo(model, over));
  }

  /** How many times the worker was asked `method`. */
  count(method: Method): number {
    return this.log.filter((m) => m === method).length;
  }

  private async gate(method: Gate, signal: AbortSignal): Promise<void> {
    const g = this.gates.get(method);
    if (!g) return;
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      void g.promise.then(resolve);
    });
  }

  private image(imageId: string): ImageSource {
    const image = this.images.get(imageId);
    if (!image) throw new Error(`the image "${imageId}" is no longer held by the engine; send it again`);
    return image;
  }

  private start(): WorkerLike {
    this.workers++;
    this.images = new Map();
    this.loaded = new Set();
    const base: Handlers<EngineMethods> = {
      start: async ({ backend }, ctx) => {
        await this.gate('start', ctx.signal);
        return { name: backend === 'auto' ? 'wasm' : backend, note: 'chosen for this test', simd: true, threads: 2 };
      },
      load: async ({ model }, ctx) => {
        ctx.progress(0.25, model.bytes / 4, model.bytes);
        await this.gate('load', ctx.signal);
        await this.gate(`load ${model.id}`, ctx.signal);
        ctx.progress(1, model.bytes, model.bytes);
        this.loaded.add(model.id);
        return modelInfo(model);
      },
      'put-image': ({ imageId, image }) => {
        this.images.set(imageId, image);
        return { width: image.width, height: image.height };
      },
      classify: async ({ imageId }, ctx) => {
        const shows = showsOf(this.image(imageId));
        await this.gate('classify', ctx.signal);
        return { probs: probsWithTop(shows), preprocessMs: 1, inferenceMs: 2, backend: 'wasm' };
      },
      memory: () => ({
        numTensors: 10 * this.loaded.size + this.images.size,
        numBytes: 0,
        modelsCached: this.loaded.size,
        imagesHeld: this.images.size,
      }),
      'forget-models': () => {
        this.loaded.clear();
        return null;
      },
      residuals: async ({ imageId }, ctx) => {
        this.image(imageId);
        await this.gate('residuals', ctx.signal);
        return RATIOS;
      },
      'residual-maps': async ({ imageId, block, count }, ctx) => {
        const shows = showsOf(this.image(imageId));
        await this.gate('residual-maps', ctx.signal);
        const maps = Array.from({ length: count }, () => new Float32Array(4).fill(shows));
        return { block, h: 2, w: 2, c: 8, channels: [...maps.keys()], branch: maps, shortcut: maps, sum: maps, min: 0, max: shows };
      },
      'probe-layer': async ({ imageId, layer, count }, ctx) => {
        this.image(imageId);
        await this.gate('probe-layer', ctx.signal);
        const maps = Array.from({ length: count }, () => new Float32Array(4));
        return {
          layer,
          shape: [2, 2, count],
          h: 2,
          w: 2,
          c: count,
          channels: [...maps.keys()],
          maps,
          min: 0,
          max: 1,
          ms: 5,
          cached: false,
        };
      },
      layers: () => null,
      activation: () => Promise.reject(new Error('not in this fake')),
      gradcam: () => Promise.reject(new Error('not in this fake')),
      lesion: () => Promise.reject(new Error('not in this fake')),
      'lesion-sweep': () => Promise.reject(new Error('not in this fake')),
      'lesion-gallery': () => Promise.reject(new Error('not in this fake')),
      timeline: () => ({ timeOrigin: 0, entries: [] }),
      'raw-predict': () => ({ ms: [] }),
    };
    const logged = Object.fromEntries(
      (Object.keys(base) as Method[]).map((m) => [
        m,
        (args: never, ctx: never) => {
          this.log.push(m);
          this.onCall(m);
          const h = (this.overrides[m] ?? base[m]) as (a: never, c: never) => unknown;
          return h(args, ctx);
        },
      ]),
    ) as unknown as Handlers<EngineMethods>;
    const w = channelWorker<EngineMethods>(logged);
    // The fake images are plain objects: copied, never transferred.
    return { ...w, postMessage: (m) => w.postMessage(m) };
  }
}
