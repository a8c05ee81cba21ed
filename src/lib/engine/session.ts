// The engine session: everything a classifier demo computes, framework-free, with tfjs passed in so
// it runs the same in a Web Worker, in Node and in tests. It owns the backend choice (and its
// fallback, through the environment's startBackend), one model cache keyed by model and backend, the
// images the page has sent, and disposal of everything it creates.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { ModelEntry } from '../inference/models';
import { classify } from '../inference/classify';
import { preprocess } from '../inference/preprocess';
import { spatialLayers, type LoadedLayer, type Activation } from '../inference/layer-activations';
import type { WeightCache } from '../inference/weight-cache';
import { ModelProbe } from '../probe/probe-model';
import { probeLayers } from '../probe/probe-layer';
import { residualRatios, residualMaps } from '../probe/residuals';
import { gradCam } from '../probe/gradcam';
import { refuseGraphModel, withMemoryMessage } from '../probe/errors';
import type { GradCam, ProbeLayer, ResidualMaps, ResidualRatio } from '../probe/types';
import { abortable, throwIfAborted } from '../worker-rpc/abort';
import type { BackendChoice, BackendInfo } from '../worker-rpc/backend';
import { CachedModel } from './cached-model';
import { ImageStore } from './image-store';
import { ModelCache, type Progress } from './model-cache';
import { loadEntry } from './load-entry';
import { ProbeCache } from './probe-cache';
import type { ClassifyResult, ImageSource, MemoryInfo, ModelInfo } from './methods';

/** What the session computes with: tfjs and this environment's ways to start a backend and read images. */
export interface EngineRuntime {
  tf: Tf;
  /** Starts a backend in this environment (falling back and saying so). */
  startBackend: (choice: BackendChoice, opts?: { threads?: number }) => Promise<BackendInfo>;
  /** Turns a sent image into int32 RGB pixels [H, W, 3]. */
  toPixels: (image: ImageSource) => TF.Tensor3D;
}

/**
 * The runtime now, or still loading: the classifier's worker imports tfjs (about 2 MB of script) after its
 * session has started taking calls, so a first load's files download while tfjs arrives.
 */
export type SessionDeps = (EngineRuntime | { runtime: Promise<EngineRuntime> }) & {
  fetchFunc?: typeof fetch;
  /** Where verified files of the site's models are kept between visits (the worker's Cache Storage). */
  weightCache?: WeightCache;
};

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: Progress;
}

export class EngineSession {
  private readonly cache = new ModelCache<CachedModel>();
  /** probe-layer answers per image, model, layer and count: dropped with their image. */
  private readonly probeCache = new ProbeCache();
  private readonly images = new ImageStore((imageId) => this.probeCache.dropImage(imageId));
  private backendInfo: Promise<BackendInfo> | null = null;
  private choice: BackendChoice = 'auto';
  private readonly runtime: Promise<EngineRuntime>;
  /** Its tfjs, for the model build (a load's files download while it still loads). */
  private readonly tfLoading: Promise<Tf>;
  /** The runtime once it has loaded: every job past a backend start may use it. */
  private loaded: EngineRuntime | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.runtime = Promise.resolve('runtime' in deps ? deps.runtime : deps);
    this.runtime.then(
      (rt) => (this.loaded = rt),
      () => {}, // told by the backend start that needs it
    );
    if (!('runtime' in deps)) this.loaded = deps;
    this.tfLoading = this.runtime.then((rt) => rt.tf);
    this.tfLoading.catch(() => {}); // a load that fails sooner (its backend start) never awaits it
  }

  /** The runtime, for a job that runs after the backend has started (so it has loaded). */
  private get rt(): EngineRuntime {
    if (!this.loaded) throw new Error('TensorFlow.js has not loaded yet');
    return this.loaded;
  }

  /** The session's tfjs (once it has loaded). */
  get tf(): Tf {
    return this.rt.tf;
  }

  /** Starts (or switches to) a backend. Switching disposes every model loaded on the old one. */
  start(choice: BackendChoice, threads?: number): Promise<BackendInfo> {
    if (this.backendInfo && choice === this.choice) return this.backendInfo;
    this.cache.clear();
    this.probeCache.clear();
    this.choice = choice;
    // One backend start at a time: a start asked for while another runs (an early 'auto' start, then
    // the reader's pick) waits for it, since two concurrent tf.setBackend calls corrupt tfjs's engine.
    const run = () => this.runtime.then((rt) => rt.startBackend(choice, threads === undefined ? {} : { threads }));
    const started = (this.backendInfo ?? Promise.resolve()).then(run, run);
    this.backendInfo = started;
    started.catch(() => {
      if (this.backendInfo === started) this.backendInfo = null; // the next request tries again
    });
    return started;
  }

  private backend(): Promise<BackendInfo> {
    return this.backendInfo ?? this.start(this.choice);
  }

  /** Loads a model once per backend; concurrent requests share the download. */
  async load(spec: ModelEntry, opts: JobOptions = {}): Promise<ModelInfo> {
    const m = await this.model(spec, opts);
    return {
      id: spec.id,
      url: m.loaded.url,
      format: m.loaded.format,
      inputSize: m.loaded.inputSize,
      bytes: m.loaded.bytes,
      host: m.loaded.source.host,
      fallback: m.loaded.source.fallback,
      cachedBytes: m.loaded.cachedBytes,
      notKept: m.loaded.notKept,
    };
  }

  /**
   * `detach`: a job (not an explicit load) waiting for the model never cancels its download. The files
   * download while the backend is still starting (a reader's first pick often comes before the early
   * start is done); only the build waits for it. The cache holds one backend's models at a time (a
   * switch clears it), so the choice keys it.
   */
  private model(spec: ModelEntry, opts: JobOptions & { detach?: boolean }): Promise<CachedModel> {
    const backend = this.backend();
    const key = ModelCache.key(spec.id, this.choice);
    const load = async (signal: AbortSignal, onProgress: Progress) =>
      new CachedModel(await loadEntry({ ...this.deps, tf: this.tfLoading }, spec, signal, onProgress, () => abortable(backend, signal)));
    return this.cache.get(key, load, opts);
  }

  /** Keeps an image for later jobs under an id the page chose. */
  putImage(imageId: string, image: ImageSource): { width: number; height: number } {
    this.images.put(imageId, image);
    return { width: image.width, height: image.height };
  }

  /** The image held under an id (its identity changes when the page replaces it), or undefined. */
  heldImage(imageId: string): ImageSource | undefined {
    return this.images.get(imageId);
  }

  dropImage(imageId: string): void {
    this.images.drop(imageId);
  }

  async classify(spec: ModelEntry, imageId: string, opts: JobOptions = {}): Promise<ClassifyResult> {
    const m = await this.model(spec, { ...opts, detach: true });
    throwIfAborted(opts.signal);
    const { tf } = this;
    const pixels = this.rt.toPixels(this.images.require(imageId));
    try {
      const r = await classify(tf, m.loaded.model, { ...spec, inputSize: m.loaded.inputSize }, pixels);
      throwIfAborted(opts.signal);
      return { ...r, backend: (await this.backend()).name };
    } finally {
      pixels.dispose();
    }
  }

  /** The layers with map-shaped outputs, or null for a graph model. */
  async layers(spec: ModelEntry, opts: JobOptions = {}): Promise<LoadedLayer[] | null> {
    const m = await this.model(spec, { ...opts, detach: true });
    return m.loaded.format === 'layers' ? spatialLayers(m.loaded.model as TF.LayersModel) : null;
  }

  /** The first `count` channels of a layer with map-shaped output: the probe's path, in channel order. */
  async activation(spec: ModelEntry, imageId: string, layer: string, count: number, opts: JobOptions = {}): Promise<Activation> {
    const m = await this.model(spec, { ...opts, detach: true });
    if (m.loaded.format !== 'layers') throw new Error(`${spec.name} is a graph model: it has no layers to look into`);
    const [r] = await this.withProbe(spec, imageId, `the layer ${layer}`, opts, (probe, input) =>
      probeLayers(this.tf, probe, [layer], input, count, 'first'),
    );
    if (r!.shape.length !== 3) throw new Error(`layer ${layer} gives shape [1, ${r!.shape.join(', ')}], not a stack of maps`);
    return { h: r!.h, w: r!.w, c: r!.c, maps: r!.maps };
  }

  private probeFor(m: CachedModel, spec: ModelEntry, what: string): ModelProbe {
    if (m.loaded.format !== 'layers') throw refuseGraphModel(spec.name, what);
    m.probe ??= new ModelProbe(this.tf, m.loaded.model as TF.LayersModel, spec.arch, m.subModels);
    return m.probe;
  }

  /** A loaded layers model's probe (graph, residual blocks, spec ↔ model map), in the worker and in tests. */
  async probe(spec: ModelEntry, opts: JobOptions = {}): Promise<ModelProbe> {
    return this.probeFor(await this.model(spec, { ...opts, detach: true }), spec, 'probing a model');
  }

  /**
   * Runs a probe on an image: the model (a layers model) with its probe, the preprocessed input, and
   * disposal of both tensors; running out of memory becomes a message that says what to try.
   * Also the block-deletion handlers' way in (lesion-handlers.ts).
   */
  async withProbe<T>(
    spec: ModelEntry,
    imageId: string,
    what: string,
    opts: JobOptions,
    run: (probe: ModelProbe, input: TF.Tensor4D) => Promise<T>,
  ): Promise<T> {
    const m = await this.model(spec, { ...opts, detach: true });
    const probe = this.probeFor(m, spec, what);
    throwIfAborted(opts.signal);
    const { tf } = this;
    const image = this.images.require(imageId);
    return withMemoryMessage(what, async () => {
      let input: TF.Tensor4D | null = null;
      const pixels = this.rt.toPixels(image);
      try {
        input = preprocess(tf, pixels, spec.preprocessing, m.loaded.inputSize);
        const out = await run(probe, input);
        throwIfAborted(opts.signal);
        return out;
      } finally {
        pixels.dispose();
        input?.dispose();
      }
    });
  }

  /**
   * One layer's `count` most active channels; a second ask for the same image and layer comes from
   * the cache (`cached`, ms 0). A layer given by its spec id brings the rest of its block along in the same forward pass,
   * cached for the next steps of the walk (ResNet-50's deep layers each cost most of a forward pass).
   */
  async probeLayer(spec: ModelEntry, imageId: string, layer: string, count: number, opts: JobOptions = {}): Promise<ProbeLayer> {
    const key = (l: string) => `${spec.id}|${l}|${count}`;
    const hit = this.probeCache.get(imageId, key(layer));
    if (hit) return { ...hit, ms: 0, cached: true };
    const held = this.images.get(imageId);
    const results = await this.withProbe(spec, imageId, `the layer ${layer}`, opts, (probe, input) => {
      const block = probe.map?.byId.get(layer)?.block;
      const siblings =
        block === undefined
          ? []
          : probe
              .map!.layers.filter((l) => l.block === block && l.id !== layer && !this.probeCache.has(imageId, key(l.id)))
              .map((l) => l.id);
      return probeLayers(this.tf, probe, [layer, ...siblings], input, count);
    });
    // Only cache for the image the answers were computed on (it may have been replaced meanwhile).
    if (this.images.get(imageId) === held) for (const r of results) this.probeCache.set(imageId, key(r.layer), r);
    return results[0]!;
  }

  /** ‖F(x)‖ / ‖x‖ of every residual block on an image. */
  residuals(spec: ModelEntry, imageId: string, opts: JobOptions = {}): Promise<ResidualRatio[]> {
    return this.withProbe(spec, imageId, 'the residual ratios', opts, (probe, input) => residualRatios(this.tf, probe, input));
  }

  /** F(x), x and F(x) + x of one block for its `count` most active channels. */
  residualMaps(spec: ModelEntry, imageId: string, block: string, count: number, opts: JobOptions = {}): Promise<ResidualMaps> {
    return this.withProbe(spec, imageId, `the maps of ${block}`, opts, (probe, input) => residualMaps(this.tf, probe, block, input, count));
  }

  /** Grad-CAM for one class on the last convolutional stage. */
  gradCam(spec: ModelEntry, imageId: string, classIndex: number, opts: JobOptions = {}): Promise<GradCam> {
    return this.withProbe(spec, imageId, 'Grad-CAM', opts, (probe, input) => gradCam(this.tf, probe, input, classIndex));
  }

  /** Benchmarks: `runs` raw model.predict calls (result read back) on the preprocessed image, in ms. */
  async rawPredict(spec: ModelEntry, imageId: string, runs: number): Promise<number[]> {
    const m = await this.model(spec, {});
    const { tf } = this;
    const pixels = this.rt.toPixels(this.images.require(imageId));
    const input = preprocess(tf, pixels, spec.preprocessing, m.loaded.inputSize);
    pixels.dispose();
    const times: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const y = m.loaded.model.predict(input) as TF.Tensor | TF.Tensor[];
        const out = Array.isArray(y) ? y : [y];
        await out[0]!.data();
        times.push(performance.now() - t0);
        tf.dispose(out);
      }
    } finally {
      input.dispose();
    }
    return times;
  }

  /** Forgets every loaded model (the page cleared the saved files): the next job downloads again. */
  forgetModels(): void {
    this.cache.clear();
    this.probeCache.clear();
  }

  memory(): MemoryInfo {
    // Before tfjs has loaded, no tensor exists.
    const { numTensors, numBytes } = this.loaded?.tf.memory() ?? { numTensors: 0, numBytes: 0 };
    return { numTensors, numBytes, modelsCached: this.cache.size, imagesHeld: this.images.size };
  }

  /** Downloads started so far (not requests): one per model and backend when loads are shared. */
  get loadsStarted(): number {
    return this.cache.loadsStarted;
  }

  dispose(): void {
    this.cache.clear();
    this.images.clear();
    this.probeCache.clear();
  }
}
