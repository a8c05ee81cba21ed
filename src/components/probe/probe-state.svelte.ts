// The ResNet-50 probe's state, shared by its three islands on the ResNet page (the diagram with the
// photo picker, the residual-branch chart and Grad-CAM): the chosen photo, the download, the top-5 and
// every request to the page's one engine worker (the classifier's: one model cache, one download).
// Answers are cached per photo, so stepping back and forth asks the worker once per layer. The photo is
// decoded once, in the probe's paint worker (./paint-client.ts), which also makes the engine's copies
// and paints the three figures: the page's main thread never decodes it nor loops over its pixels.
// The page's one instance, over the page's engine client and painter, is in ./page-probe.ts.
import { AbortedError, LatestWins, isAborted } from '../../lib/worker-rpc/abort';
import { WorkerError } from '../../lib/worker-rpc/errors';
import type { Args, Result } from '../../lib/worker-rpc/wire';
import type { EngineMethods } from '../../lib/engine/methods';
import type { ProbeLayer } from '../../lib/probe/types';
import { DEFAULT_RESNET50_ID, modelById, withSiteUrls, type ModelEntry } from '../../lib/inference/models';
import { topK, type Ranked } from '../../lib/inference/scores';
import { formatMB } from '../../lib/format';
import type { PhotoChoice } from '../../lib/probe/photo-url';
import { describe } from '../shared/describe-error';
import type { EngineClient } from '../shared/engine';

/** Maps shown per layer: the most active channels. */
const PROBE_CHANNELS = 16;
/** Channels per row in the F(x), x, F(x) + x maps. */
export const RESIDUAL_CHANNELS = 6;

/** The network the probe runs: the ResNet-50 the classifier offers first (8-bit Keras weights). */
export const PROBE_MODEL: ModelEntry = modelById(DEFAULT_RESNET50_ID);

export interface ProbePhoto {
  choice: PhotoChoice;
  /** The image's id in the worker (unique on the page). */
  id: string;
  title: string;
  alt: string;
  previewUrl: string;
  /** The working copy's size (what the network and Grad-CAM see). */
  width: number;
  height: number;
}

/** The reader's pick, as bytes: decoding is the paint worker's. */
export interface PickedPhoto {
  blob: Blob;
  /** The file's name, for messages about it. */
  name: string;
  title: string;
  alt: string;
}

/** The paint worker's part in the probe (./paint-client.ts): decoding the photo and copying it for the engine. */
export interface ProbePainter {
  /** Decodes the reader's bytes as `photoId`; the preview is an object URL to revoke when the photo goes. */
  putPhoto(photoId: string, blob: Blob, name: string): Promise<{ width: number; height: number; previewUrl: string }>;
  drop(photoId: string): void;
  /** A copy of the photo for the engine worker to own. */
  copy(photoId: string): Promise<ImageBitmap>;
}

/** The page around the probe (./page-probe.ts in the browser, fakes in Vitest). */
export interface ProbePage {
  /** The page's one engine client (the classifier's), made on first use. */
  engine: () => EngineClient;
  painter: ProbePainter;
  /** A site path (`/models/…`) as an absolute URL the worker can fetch. */
  siteUrl: (path: string) => string;
}

/** A probe request's options: its latest-wins lane, and a signal to cancel it. */
export interface ProbeCallOptions {
  lane?: string;
  signal?: AbortSignal;
}

let ids = 0;

export class ProbeState {
  /** The photo the probe shows; `ready` once it is in the worker and the model is loaded. */
  photo = $state<ProbePhoto | null>(null);
  ready = $state(false);
  busy = $state<string | null>(null);
  progress = $state<number | null>(null);
  alert = $state<string | null>(null);
  top5 = $state.raw<Ranked[] | null>(null);
  numTensors = $state<number | null>(null);

  private sentGeneration = -1;
  /** The reader's picks: latest wins. */
  private readonly picks = new LatestWins();
  private download: AbortController | null = null;
  private readonly answers = new Map<string, unknown>();

  constructor(private readonly page: ProbePage) {}

  /** The ResNet-50 the classifier offers first, with the site's URLs made absolute for the worker. */
  get spec(): ModelEntry {
    return withSiteUrls(PROBE_MODEL, this.page.siteUrl);
  }

  /** The reader picked a photo: decode it in the paint worker, then load the model and run the photo once. */
  async choose(choice: PhotoChoice, source: () => Promise<PickedPhoto>): Promise<void> {
    // The last pick wins: an earlier one still decoding or running is superseded (its signal aborts).
    await this.picks
      .run((signal) => this.pick(choice, source, signal))
      .catch((e: unknown) => {
        if (!isAborted(e)) throw e;
      });
  }

  private async pick(choice: PhotoChoice, source: () => Promise<PickedPhoto>, signal: AbortSignal): Promise<void> {
    this.alert = null;
    this.busy = 'Reading the photo…';
    const id = `probe-${++ids}`;
    let picked: PickedPhoto;
    let decoded: Awaited<ReturnType<ProbePainter['putPhoto']>>;
    try {
      picked = await source();
      decoded = await this.page.painter.putPhoto(id, picked.blob, picked.name);
    } catch (e) {
      this.page.painter.drop(id);
      if (!signal.aborted) {
        this.alert = describe(e);
        this.busy = null;
      }
      return;
    }
    if (signal.aborted) {
      this.page.painter.drop(id);
      URL.revokeObjectURL(decoded.previewUrl);
      return;
    }
    if (this.photo) {
      URL.revokeObjectURL(this.photo.previewUrl);
      this.page.painter.drop(this.photo.id);
    }
    this.answers.clear();
    this.ready = false;
    this.top5 = null;
    this.photo = {
      choice,
      id,
      title: picked.title,
      alt: picked.alt,
      previewUrl: decoded.previewUrl,
      width: decoded.width,
      height: decoded.height,
    };
    await this.prepare(signal);
  }

  private async prepare(signal: AbortSignal): Promise<void> {
    const photo = this.photo;
    if (!photo) return;
    try {
      await this.load();
      this.busy = `Running ResNet-50 on ${photo.title}…`;
      const r = await this.call('classify', { model: this.spec, imageId: photo.id }, { lane: 'probe-classify' });
      if (signal.aborted) return;
      this.top5 = topK(r.probs, 5);
      this.ready = true;
      void this.refreshMemory();
    } catch (e) {
      if (signal.aborted || (e instanceof AbortedError && e.why === 'superseded')) return;
      this.alert = isAborted(e) ? 'The download was cancelled. Nothing was kept; pick a photo again when you like.' : describe(e);
    } finally {
      if (!signal.aborted) {
        this.busy = null;
        this.progress = null;
      }
    }
  }

  /** Downloads the model once (shared with the classifier), with progress. */
  private async load(): Promise<void> {
    const engine = this.page.engine();
    if (engine.generation === this.loadedGeneration) return;
    const m = this.spec;
    this.busy = `Downloading ${m.name} (${formatMB(m.bytes)})…`;
    this.download = new AbortController();
    try {
      const download = this.download;
      // The load starts the worker's backend when the classifier has not: a hang there moves down a rung.
      await engine.retryingStartHangs(() =>
        engine.call('load', { model: m }, { signal: download.signal, onProgress: (f) => (this.progress = f) }),
      );
    } finally {
      this.download = null;
      this.progress = null;
    }
    this.loadedGeneration = engine.generation;
  }
  private loadedGeneration = -1;

  cancelDownload(): void {
    this.download?.abort(new AbortedError());
  }

  /** Sends the photo to the worker when it does not hold it (a new photo, a restarted worker). */
  private async sendImage(force = false): Promise<void> {
    const engine = this.page.engine();
    const photo = this.photo;
    if (!photo) throw new Error('Pick a photo first.');
    if (!force && this.sentGeneration === engine.generation && this.sentId === photo.id) return;
    const image = await this.page.painter.copy(photo.id);
    await engine.call('put-image', { imageId: photo.id, image }, { transfer: [image] });
    this.sentGeneration = engine.generation;
    this.sentId = photo.id;
  }
  private sentId = '';

  /**
   * One request about the current photo. The worker keeps only a few images (the classifier's too),
   * so a photo it has let go of is sent again and the request retried once.
   */
  async call<K extends keyof EngineMethods>(
    method: K,
    args: Args<EngineMethods, K>,
    opts: ProbeCallOptions = {},
  ): Promise<Result<EngineMethods, K>> {
    await this.sendImage();
    try {
      return await this.page.engine().call(method, args, opts);
    } catch (e) {
      if (!(e instanceof WorkerError) || !/no longer held/.test(e.message)) throw e;
      await this.sendImage(true);
      return this.page.engine().call(method, args, opts);
    }
  }

  /** `call`, answered from the per-photo cache when asked before. */
  async cached<K extends keyof EngineMethods>(
    key: string,
    method: K,
    args: Args<EngineMethods, K>,
    opts: ProbeCallOptions = {},
  ): Promise<Result<EngineMethods, K>> {
    const photo = this.photo;
    if (!photo) throw new Error('Pick a photo first.');
    const k = `${photo.id}|${key}`;
    if (this.answers.has(k)) return this.answers.get(k) as Result<EngineMethods, K>;
    const value = await this.call(method, args, opts);
    if (this.photo === photo) this.answers.set(k, value);
    return value;
  }

  /** One layer's most active channels on the current photo, by spec id (cached per photo and layer). */
  layer(stepId: string): Promise<ProbeLayer> {
    const photo = this.photo;
    if (!photo) return Promise.reject(new Error('Pick a photo first.'));
    return this.cached(
      `layer/${stepId}`,
      'probe-layer',
      { model: this.spec, imageId: photo.id, layer: stepId, count: PROBE_CHANNELS },
      { lane: 'probe-layer' },
    );
  }

  async refreshMemory(): Promise<void> {
    try {
      this.numTensors = (await this.page.engine().call('memory', {})).numTensors;
    } catch {
      /* the next answer refreshes it */
    }
  }
}

/** What the reader reads for a failed request (a superseded one says nothing). */
export function probeMessage(e: unknown): string | null {
  if (e instanceof AbortedError) return null;
  return describe(e);
}
