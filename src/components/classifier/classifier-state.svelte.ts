// The classifier's state and actions, apart from any markup: which model and backend, the current
// image, the prediction, the true label, and every request to the worker. Components read it and call
// its methods. Only the reader's last choice shows a result (latest-wins on its 'predict' lane). The page
// around it (the engine client, the photo bus, gallery photos) comes in as a ClassifierPage.
import { SAVED_COPY_NOTE } from '../../lib/inference/weight-cache';
import { MODELS, QUICK_MODEL_ID, withSiteUrls, type ModelEntry } from '../../lib/inference/models';
import { AbortedError, LatestWins, isAborted, throwIfAborted } from '../../lib/worker-rpc/abort';
import { loweredInfo } from '../../lib/worker-rpc/backend-ladder';
import type { BackendChoice, BackendInfo } from '../../lib/worker-rpc/backend';
import type { ModelInfo } from '../../lib/engine/methods';
import { CLASS_NAMES, classIndex } from '../../lib/inference/labels';
import { formatMB } from '../../lib/format';
import { BadImageError, type DecodedImage } from '../shared/decode-image';
import { describe, isLoadError } from '../shared/describe-error';
import { mark } from '../../lib/perf/marks';
import type { Alert, ClassifierPage, Current, Picked, Result } from './classifier-types';
import { ANSWER, PICK } from '../../lib/perf/cold-timeline';

/** Image ids are unique on the page: every classifier island shares one worker. */
let imageIds = 0;
let islands = 0;

export class ClassifierState {
  modelId = $state('');
  backendChoice = $state<BackendChoice>('auto');
  backend = $state<BackendInfo | null>(null);
  busy = $state<string | null>(null);
  /** The current download: its share done, and bytes of weights so far and in all. */
  progress = $state<{ fraction: number; loaded: number; total: number } | null>(null);
  /** A quiet note while the engine starts ahead of the first click (`startEarly`). */
  preparing = $state<string | null>(null);
  /** During a download, a retry or being offline; after it, why the files were not saved (a full quota). */
  loadNote = $state<string | null>(null);
  alert = $state<Alert | null>(null);
  current = $state<Current | null>(null);
  result = $state.raw<Result | null>(null);
  trueClass = $state<number | null>(null);
  labelQuery = $state('');
  ownModels = $state<ModelEntry[]>([]);
  /** Where each loaded model's weights came from (a fallback host is shown to the reader). */
  sources = $state<Record<string, ModelInfo>>({});
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
  private sentGeneration = -1;
  private download: AbortController | null = null;

  constructor(
    initialModel: string,
    private readonly page: ClassifierPage,
  ) {
    this.modelId = MODELS.some((m) => m.id === initialModel) ? initialModel : QUICK_MODEL_ID;
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

  /** Starts the worker's backend, and (again after a worker restart) sends it the current image: its id. */
  private async ready(quiet = false): Promise<string | null> {
    const engine = this.page.engine();
    if (this.backend && this.sentGeneration === engine.generation) return null;
    let sent: string | null = null;
    if (!quiet) this.busy = 'Starting TensorFlow.js in a worker…';
    this.sources = {}; // a new worker holds no models yet
    // A worker that hangs while its backend starts is replaced by one a rung lower (the engine's
    // watchdog); the reader sees why in the backend note, and the image is sent to the new worker.
    await engine.retryingStartHangs(async () => {
      if (engine.ladder.note) this.busy = `Restarting: ${engine.ladder.note}…`;
      const choice = this.backendChoice;
      const info = await engine.call('start', { backend: choice });
      // An early start on 'auto' that ends after the reader picked another backend tells nothing.
      if (choice !== this.backendChoice) return;
      this.backend = loweredInfo(info, engine.ladder.note);
      if (this.bitmap && this.current) {
        await engine.call('put-image', { imageId: this.current.id, image: await this.page.copyImage(this.bitmap) });
        sent = this.current.id;
      }
    });
    this.sentGeneration = engine.generation;
    return sent;
  }

  /** Loads a model in the worker (downloading once, with progress and a Cancel). */
  async load(id: string): Promise<ModelInfo> {
    await this.ready();
    const m = this.spec(id);
    const known = this.sources[id];
    if (known) return known;
    this.busy = m.bytes ? `Downloading ${m.name} (${formatMB(m.bytes)})…` : `Downloading ${m.name}…`;
    this.download = new AbortController();
    this.loadNote = null;
    try {
      const info = await this.page.engine().call(
        'load',
        { model: this.workerSpec(id) },
        {
          signal: this.download.signal,
          onProgress: (fraction, loaded, total) => (this.progress = { fraction, loaded, total }),
          onEvent: (e) => {
            if (e.note?.includes(SAVED_COPY_NOTE)) this.busy = `Loading ${m.name} from the copy saved on this device…`;
            this.loadNote = e.note === SAVED_COPY_NOTE ? null : e.note;
          },
        },
      );
      this.loadNote = info.notKept && `${m.name} works, but was not saved for your next visit: ${info.notKept}.`;
      this.sources = { ...this.sources, [id]: info };
      return info;
    } finally {
      this.progress = null;
      this.download = null;
    }
  }

  /** The reader's "Cancel download". */
  cancelDownload(): void {
    this.download?.abort(new AbortedError());
  }

  /** The way out of any other wait (a backend starting, a slow pass): ends the worker mid-work; the next action starts anew. */
  cancelWork(): void {
    this.page.engine().terminate('you cancelled it');
  }

  /** Classifies `imageId` (the current image by default) with a model. */
  async run(id: string, opts: { lane?: string; signal?: AbortSignal; imageId?: string } = {}): Promise<Result> {
    await this.load(id);
    throwIfAborted(opts.signal); // superseded while the model downloaded
    const imageId = opts.imageId ?? this.current?.id;
    if (!imageId) throw new BadImageError('Pick a photo or use your own image first.');
    this.busy = `Classifying with ${this.spec(id).name}…`;
    const { lane, signal } = opts;
    const r = await this.page
      .engine()
      .call('classify', { model: this.workerSpec(id), imageId }, { ...(lane ? { lane } : {}), ...(signal ? { signal } : {}) });
    return { ...r, model: this.spec(id).name, imageId };
  }

  /** Sends a decoded image to the worker under a fresh id (the page keeps its own bitmap), once to a new worker. */
  async send(bitmap: ImageBitmap, id: string): Promise<void> {
    if ((await this.ready()) === id) return;
    await this.page.engine().call('put-image', { imageId: id, image: await this.page.copyImage(bitmap) });
  }

  /** The reader picked an image: decode and check it here, then classify it in the worker. */
  async choose(source: () => Promise<Picked>): Promise<void> {
    mark(PICK);
    this.alert = null;
    // A new image never shows the old one's prediction, even if this one fails.
    this.result = null;
    this.busy = 'Reading the image…';
    // The last pick wins: an earlier one still decoding is superseded (its signal aborts).
    await this.picks
      .run((signal) => this.pick(source, signal))
      .catch((e: unknown) => {
        if (!isAborted(e)) throw e;
      });
  }

  private async pick(source: () => Promise<Picked>, signal: AbortSignal): Promise<void> {
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
    await this.classifyCurrent();
  }

  /** (Re)classifies the current image with the chosen model; the last call wins. */
  async classifyCurrent(): Promise<void> {
    const current = this.current;
    const bitmap = this.bitmap;
    if (!current || !bitmap) return;
    this.alert = null;
    try {
      // A model that downloads for an earlier request answers after a later one: it is superseded.
      const r = await this.asks.run(async (signal) => {
        await this.send(bitmap, current.id);
        return this.run(this.modelId, { lane: this.lane, signal });
      });
      if (this.current !== current) return;
      this.busy = null;
      this.result = r;
      mark(ANSWER);
      this.runs++;
      void this.refreshMemory();
    } catch (e) {
      // Replaced by a newer choice: that one reports.
      if (this.current !== current || (e instanceof AbortedError && e.why === 'superseded')) return;
      this.busy = null;
      this.alert = isAborted(e)
        ? { message: 'The download was cancelled. Nothing was kept; try again when you like.', retry: () => void this.classifyCurrent() }
        : isLoadError(e)
          ? { message: describe(e), retry: () => void this.classifyCurrent() }
          : { message: describe(e) };
    }
  }

  async changeModel(): Promise<void> {
    if (this.current) await this.classifyCurrent();
  }

  async changeBackend(): Promise<void> {
    this.backend = null;
    this.sources = {};
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

  /** Fetches and decodes a gallery photo on the page (the worker never fetches images). */
  galleryImage(file: string): Promise<DecodedImage> {
    return this.page.galleryImage(file);
  }

  dispose(): void {
    this.download?.abort();
    this.bitmap?.close();
    if (this.current) URL.revokeObjectURL(this.current.previewUrl);
  }
}
