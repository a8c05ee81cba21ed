// The classifier's state and actions, apart from any markup: which model and backend, the current
// image, the prediction, the true label, and every request to the worker. Components read it and call
// its methods. Only the reader's last choice shows a result (latest-wins on its 'predict' lane). The page
// around it (the engine client, the photo bus, gallery photos) comes in as a ClassifierPage.
import { MODELS, QUICK_MODEL_ID, withSiteUrls, type ModelEntry } from '../../lib/inference/models';
import { AbortedError, LatestWins, isAborted, throwIfAborted } from '../../lib/worker-rpc/abort';
import type { BackendChoice, BackendInfo } from '../../lib/worker-rpc/backend';
import { CLASS_NAMES, classIndex } from '../../lib/inference/labels';
import { ModelLoads, READING } from './model-loads.svelte';
import { EngineStart } from './engine-start.svelte';
import type { ModelInfo } from '../../lib/engine/methods';
import { BadImageError } from '../shared/decode-image';
import { describe, isLoadError } from '../shared/describe-error';
import { mark } from '../../lib/perf/marks';
import type { Alert, ClassifierPage, Current, Picked, Result } from './classifier-types';
import { ANSWER, PICK, QUICK_ANSWER } from '../../lib/perf/cold-timeline';
import { quickFirst } from '../../lib/inference/quick-first';

/** A model's load begun as the reader picked a photo (its model may have changed since). */
type EarlyLoad = { id: string; loaded: Promise<ModelInfo> };

/** Image ids are unique on the page: every classifier island shares one worker. */
let imageIds = 0;
let islands = 0;

export class ClassifierState {
  modelId = $state('');
  backendChoice = $state<BackendChoice>('auto');
  busy = $state<string | null>(null);
  /** A quiet note while the engine starts ahead of the first click (`startEarly`). */
  preparing = $state<string | null>(null);
  alert = $state<Alert | null>(null);
  current = $state<Current | null>(null);
  result = $state.raw<Result | null>(null);
  /** The quick model's answer, shown (labelled) until the chosen, larger model's own answer is here. */
  quick = $state.raw<Result | null>(null);
  trueClass = $state<number | null>(null);
  labelQuery = $state('');
  ownModels = $state<ModelEntry[]>([]);
  numTensors = $state<number | null>(null);
  /** Finished classifications, side-by-side runs and layer views (data-* attributes for tests). */
  runs = $state(0);
  compares = $state(0);
  layerRuns = $state(0);

  private bitmap: ImageBitmap | null = null;
  /** The reader's picks, and the requests for an answer (a photo, a model, a backend): latest wins. */
  private readonly picks = new LatestWins();
  private readonly asks = new LatestWins();
  /** This island's latest-wins lane in the shared worker. */
  private readonly lane = `predict-${++islands}`;
  /** The backend in the shared worker. */
  private readonly start = new EngineStart({
    engine: () => this.page.engine(),
    choice: () => this.backendChoice,
    image: () => (this.bitmap && this.current ? { id: this.current.id, bitmap: this.bitmap } : null),
    copyImage: (bitmap) => this.page.copyImage(bitmap),
    say: (status) => (this.busy = status),
    newWorker: () => (this.models.sources = {}),
  });
  /** The model downloads: their progress and notes, and where each loaded model came from. */
  readonly models = new ModelLoads({
    engine: () => this.page.engine(),
    ready: () => this.ready(true),
    starting: () => this.backend === null,
    spec: (id) => this.spec(id),
    workerSpec: (id) => this.workerSpec(id),
    say: (status) => (this.busy = status),
    reading: () => this.busy === READING,
  });

  constructor(
    initialModel: string,
    /** The page around it: the engine, the photo bus, gallery photos (fetched and decoded here, never in the worker). */
    readonly page: ClassifierPage,
  ) {
    this.modelId = MODELS.some((m) => m.id === initialModel) ? initialModel : QUICK_MODEL_ID;
  }

  /** The backend running, once started. */
  get backend(): BackendInfo | null {
    return this.start.backend;
  }

  get allModels(): ModelEntry[] {
    return [...MODELS, ...this.ownModels];
  }

  spec(id = this.modelId): ModelEntry {
    return this.allModels.find((m) => m.id === id) ?? MODELS[0]!;
  }

  /** The spec as the worker needs it: the site's own URLs made absolute for this page. */
  workerSpec(id: string): ModelEntry {
    return withSiteUrls(this.spec(id), this.page.siteUrl);
  }

  /** Starts the worker and backend (wasm fetch, compile), never the weights; a failure waits for a real request. */
  startEarly(): void {
    if (this.backend || this.preparing) return;
    this.preparing = 'Getting the engine ready in the background (no model downloaded yet)…';
    void this.ready(true)
      .catch(() => {})
      .finally(() => (this.preparing = null));
  }

  /** Starts the worker's backend (see EngineStart); resolves with the id of the image sent meanwhile, if any. */
  private ready(quiet = false): Promise<string | null> {
    return this.start.ready(quiet);
  }

  /** The way out of any other wait (a backend starting, a slow pass): ends the worker mid-work; the next action starts anew. */
  cancelWork(): void {
    this.page.engine().terminate('you cancelled it');
  }

  /** Classifies `imageId` (the current image by default); `background`: untold by the status, its load stopped by that signal. */
  async run(id: string, opts: { lane?: string; signal?: AbortSignal; imageId?: string; background?: AbortSignal } = {}): Promise<Result> {
    await this.models.load(id, opts.background ? 'background' : 'shown', opts.background);
    throwIfAborted(opts.signal); // superseded while the model downloaded
    const imageId = opts.imageId ?? this.current?.id;
    if (!imageId) throw new BadImageError('Pick a photo or use your own image first.');
    if (!opts.background) this.busy = `Classifying with ${this.spec(id).name}…`;
    const { lane, signal } = opts;
    const r = await this.page
      .engine()
      .call('classify', { model: this.workerSpec(id), imageId }, { ...(lane ? { lane } : {}), ...(signal ? { signal } : {}) });
    return { ...r, model: this.spec(id).name, imageId };
  }

  /** Sends a decoded image to the worker under a fresh id (the page keeps its own bitmap), once to a new worker. */
  async send(bitmap: ImageBitmap, id: string): Promise<void> {
    if ((await this.ready(true)) === id) return;
    await this.page.engine().call('put-image', { imageId: id, image: await this.page.copyImage(bitmap) });
  }

  /** The reader picked an image: decode and check it here, then classify it in the worker. */
  async choose(source: () => Promise<Picked>): Promise<void> {
    mark(PICK);
    this.alert = null;
    // A new image never shows the old one's prediction, even if this one fails.
    this.result = null;
    this.quick = null;
    this.busy = READING;
    // The model downloads while the image is read (a failure here is told when the answer asks for it).
    const early = { id: this.modelId, loaded: this.models.load(this.modelId, 'quiet') };
    early.loaded.catch(() => {});
    // The last pick wins: an earlier one still decoding is superseded (its signal aborts).
    await this.picks
      .run((signal) => this.pick(source, signal, early))
      .catch((e: unknown) => {
        if (!isAborted(e)) throw e;
      });
  }

  private async pick(source: () => Promise<Picked>, signal: AbortSignal, early: EarlyLoad): Promise<void> {
    let picked: Picked;
    try {
      picked = await source();
    } catch (e) {
      if (!signal.aborted) {
        if (this.current) URL.revokeObjectURL(this.current.previewUrl);
        this.current = null;
        this.bitmap?.close();
        this.bitmap = null;
        this.alert = { message: describe(e) };
        this.busy = null;
        this.page.publishPhoto(null);
      }
      return;
    }
    if (signal.aborted) {
      picked.decoded.bitmap.close();
      URL.revokeObjectURL(picked.decoded.previewUrl);
      return;
    }
    if (this.current) URL.revokeObjectURL(this.current.previewUrl);
    this.bitmap?.close();
    this.bitmap = picked.decoded.bitmap;
    const { decoded } = picked;
    this.current = {
      id: `img-${++imageIds}`,
      title: picked.title,
      alt: picked.alt,
      previewUrl: decoded.previewUrl,
      width: decoded.width,
      height: decoded.height,
      ...(picked.galleryFile ? { galleryFile: picked.galleryFile } : {}),
    };
    this.page.publishPhoto({ title: picked.title, alt: picked.alt, previewUrl: decoded.previewUrl });
    this.setTrueClass(picked.trueClass);
    await this.classifyCurrent(early);
  }

  /** (Re)classifies the current image with the chosen model; the last call wins. `early`: a load begun with the pick. */
  async classifyCurrent(early?: EarlyLoad): Promise<void> {
    const current = this.current;
    const bitmap = this.bitmap;
    if (!current || !bitmap) return;
    this.alert = null;
    try {
      // A model that downloads for an earlier request answers after a later one: it is superseded.
      const r = await this.asks.run(async (signal) => {
        // The status tells what the answer waits for (the backend starting, the download) from now on;
        // a load that failed while the photo was read (its worker stopped) is told, not silently redone.
        const loaded = early?.id === this.modelId ? early.loaded : this.models.load(this.modelId);
        this.models.show(this.modelId);
        loaded.catch(() => {});
        await this.send(bitmap, current.id);
        const quick = this.quickAnswer(current, signal);
        try {
          await loaded;
          return await this.run(this.modelId, { lane: this.lane, signal });
        } finally {
          // Answered or failed, the quick model's answer is not wanted (none under an alert), nor its
          // download; superseded, a newer pick may still want that download.
          if (!signal.aborted) quick.abort();
        }
      });
      if (this.current !== current) return;
      this.busy = null;
      this.quick = null;
      this.result = r;
      mark(ANSWER);
      this.runs++;
      void this.refreshMemory();
    } catch (e) {
      // Replaced by a newer choice: that one reports.
      if (this.current !== current || (e instanceof AbortedError && e.why === 'superseded')) return;
      this.busy = null;
      this.quick = null;
      this.alert = isAborted(e)
        ? { message: 'The download was cancelled. Nothing was kept; try again when you like.', retry: () => void this.classifyCurrent() }
        : isLoadError(e)
          ? { message: describe(e), retry: () => void this.classifyCurrent() }
          : { message: describe(e) };
    }
  }

  /** While a large model loads for a photo's first answer, the quick model answers first (labelled; its failures untold). */
  private quickAnswer(current: Current, asked: AbortSignal): AbortController {
    const stop = new AbortController();
    const chosen = this.spec(this.modelId);
    if (this.result || !quickFirst(chosen, this.spec(QUICK_MODEL_ID), chosen.id in this.models.sources)) return stop;
    const signal = AbortSignal.any([asked, stop.signal]);
    void this.run(QUICK_MODEL_ID, { lane: `${this.lane}-quick`, signal, imageId: current.id, background: stop.signal })
      .then((r) => {
        if (signal.aborted || this.current !== current) return;
        this.quick = r;
        mark(QUICK_ANSWER);
      })
      .catch(() => {});
    return stop;
  }

  async changeModel(): Promise<void> {
    if (this.current) await this.classifyCurrent();
  }

  async changeBackend(): Promise<void> {
    this.start.reset();
    this.models.sources = {};
    this.result = null;
    try {
      await this.ready();
    } catch (e) {
      this.alert = { message: describe(e) };
      return;
    }
    if (this.current) await this.classifyCurrent();
  }

  setTrueClass(index: number | null): void {
    this.trueClass = index;
    this.labelQuery = index === null ? '' : (CLASS_NAMES[index] ?? '');
  }

  onLabelInput(): void {
    const i = classIndex(this.labelQuery);
    this.trueClass = i >= 0 ? i : null;
  }

  async refreshMemory(): Promise<void> {
    const m = await this.page.engine().call('memory', {});
    this.numTensors = m.numTensors;
  }

  dispose(): void {
    this.models.cancel();
    this.bitmap?.close();
    if (this.current) URL.revokeObjectURL(this.current.previewUrl);
  }
}
