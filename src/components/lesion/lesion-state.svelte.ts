// The block-deletion figure's state (Veit et al. 2016, §4, on the real Keras ResNet-50), apart from any
// markup: the reader's photo, the blocks switched off, the worker's answers, the two sweeps with their
// progress and Cancel, and what the page says. The engine client comes in through the constructor (the
// island passes the page's one classifierEngine()); decoding and copying images are passed in too, so
// Vitest drives all of it over a fake worker. Latest wins everywhere: a new photo or toggle supersedes
// the answer on its way, and a sweep of a photo no longer shown is cancelled.
import { AbortedError, LatestWins, isAborted } from '../../lib/worker-rpc/abort';
import { WorkerError } from '../../lib/worker-rpc/errors';
import type { RpcClient } from '../../lib/worker-rpc/client';
import type { Args, EventOf, Result } from '../../lib/worker-rpc/wire';
import type { CallOptions } from '../../lib/worker-rpc/client-options';
import type { EngineMethods, ImageSource } from '../../lib/engine/methods';
import type { ModelEntry } from '../../lib/inference/models';
import type { GallerySweepAnswer, LesionAnswer, LesionBlock } from '../../lib/probe/lesion-types';
import { formatMB } from '../../lib/format';
import { describe } from '../shared/describe-error';
import type { LabelledPhoto, LesionDeps, LesionPhoto, LesionPick, SweepView, TrailStep } from './lesion-view';

type Client = RpcClient<EngineMethods>;
let ids = 0;

export class LesionState {
  photo = $state.raw<LesionPhoto | null>(null);
  off = $state.raw<readonly number[]>([]);
  answer = $state.raw<{ photo: string; a: LesionAnswer } | null>(null);
  /** The blocks as the worker found them (null until the first answer). */
  blocks = $state.raw<LesionBlock[] | null>(null);
  trail = $state.raw<TrailStep[]>([]);
  busy = $state<string | null>(null);
  /** The model download's progress (0–1), null when none. */
  progress = $state<number | null>(null);
  alert = $state<string | null>(null);
  computing = $state(false);
  sweep = $state.raw<SweepView | null>(null);
  sweepProgress = $state<number | null>(null);
  gallery = $state.raw<GallerySweepAnswer | null>(null);
  galleryProgress = $state<number | null>(null);
  galleryNote = $state<string | null>(null);

  /** The answer, when it is for the current photo. */
  readonly shown = $derived(this.answer && this.answer.photo === this.photo?.id ? this.answer.a : null);
  readonly shownSweep = $derived(this.sweep && this.sweep.photo === this.photo?.id ? this.sweep : null);

  private readonly picks = new LatestWins();
  private readonly lesions = new LatestWins();
  private sweepJob: AbortController | null = null;
  private galleryJob: AbortController | null = null;
  private download: AbortController | null = null;
  private loadedGeneration = -1;
  private sent = { generation: -1, id: '' };

  constructor(
    private readonly client: Client,
    private readonly spec: ModelEntry,
    private readonly deps: LesionDeps,
  ) {}

  /** The reader picked a photo: decode it, load the model once, then answer for the blocks now off. */
  async choose(pick: LesionPick): Promise<void> {
    await this.picks
      .run((signal) => this.pickPhoto(pick, signal))
      .catch((e: unknown) => {
        if (!isAborted(e)) throw e;
      });
  }

  private async pickPhoto(pick: LesionPick, signal: AbortSignal): Promise<void> {
    this.alert = null;
    this.busy = 'Reading the photo…';
    let decoded: { image: ImageSource; previewUrl: string };
    try {
      decoded = await this.deps.decode(await pick.blob(), pick.name);
    } catch (e) {
      if (!signal.aborted) {
        this.alert = describe(e);
        this.busy = null;
      }
      return;
    }
    if (signal.aborted) return this.deps.revoke(decoded.previewUrl);
    if (this.photo) this.deps.revoke(this.photo.previewUrl);
    this.cancelSweep();
    this.trail = [];
    this.photo = {
      id: `lesion-${++ids}`,
      title: pick.title,
      alt: pick.alt,
      previewUrl: decoded.previewUrl,
      galleryFile: pick.galleryFile,
      image: decoded.image,
    };
    try {
      await this.load();
    } catch (e) {
      if (!signal.aborted) this.fail(e, 'The download was cancelled. Nothing was kept; pick a photo again when you like.');
      return;
    } finally {
      if (!signal.aborted) this.busy = null;
    }
    if (!signal.aborted) await this.run();
  }

  /** Switches block `i` off (or back on) and answers again. */
  toggle(i: number): Promise<void> {
    const off = this.off.includes(i) ? this.off.filter((x) => x !== i) : [...this.off, i].sort((a, b) => a - b);
    return this.setOff(off);
  }

  /** Sets the blocks off (a link, "restore all") and answers again when a photo is shown. */
  setOff(off: readonly number[]): Promise<void> {
    this.off = [...new Set(off)].sort((a, b) => a - b);
    return this.run();
  }

  /** The lesioned answer for the current photo and blocks; a newer one supersedes it. */
  private async run(): Promise<void> {
    const photo = this.photo;
    // Before the first load the photo's pick answers when it is done; after a worker restart, load again.
    if (!photo || this.loadedGeneration < 0 || this.download) return;
    const off = [...this.off];
    this.computing = true;
    try {
      await this.load();
      const a = await this.lesions.run((signal) => this.call('lesion', { model: this.spec, imageId: photo.id, off }, { signal }));
      if (this.photo !== photo) return;
      this.answer = { photo: photo.id, a };
      this.blocks = a.blocks;
      this.alert = null;
      this.trail = [...this.trail, { off: off.length, prob: a.original.prob, rank: a.original.rank }].slice(-32);
      this.computing = false;
    } catch (e) {
      if (e instanceof AbortedError && e.why === 'superseded') return;
      this.computing = false;
      this.fail(e);
    }
  }

  /** "Remove each block in turn" on the current photo: 16 bars filling in as they come. */
  async runSweep(): Promise<void> {
    const photo = this.photo;
    if (!photo) return;
    this.cancelSweep();
    const job = (this.sweepJob = new AbortController());
    const view: SweepView = { photo: photo.id, original: null, deletions: [], done: false };
    this.sweep = view;
    this.sweepProgress = 0;
    try {
      const r = await this.call(
        'lesion-sweep',
        { model: this.spec, imageId: photo.id },
        {
          signal: job.signal,
          onEvent: (d) => {
            if (this.sweepJob !== job) return;
            view.deletions = [...view.deletions, d];
            this.sweep = { ...view };
          },
          onProgress: (f) => {
            if (this.sweepJob === job) this.sweepProgress = f;
          },
        },
      );
      this.blocks = r.blocks;
      this.sweep = { photo: photo.id, original: r.original, deletions: r.deletions, done: true };
    } catch (e) {
      // Cancelled (or the photo changed): its bars go; a newer sweep's stay.
      if (this.sweepJob === job || this.sweepJob === null) this.sweep = null;
      if (!isAborted(e)) this.fail(e);
    } finally {
      if (this.sweepJob === job) {
        this.sweepJob = null;
        this.sweepProgress = null;
      }
    }
  }

  cancelSweep(): void {
    this.sweepJob?.abort(new AbortedError());
    this.sweepJob = null;
    this.sweepProgress = null;
  }

  /** "Over the labelled photos": each photo's 16 deletions in the worker, counted as they come. */
  async runGallery(photos: readonly LabelledPhoto[]): Promise<void> {
    this.cancelGallery();
    const job = (this.galleryJob = new AbortController());
    this.gallery = null;
    this.galleryNote = `Reading the ${photos.length} labelled photo${photos.length === 1 ? '' : 's'}…`;
    this.galleryProgress = 0;
    try {
      await this.load();
      const sent = await Promise.all(
        photos.map(async (p) => {
          const d = await this.deps.decode(await this.deps.galleryBlob(p.file), p.file);
          this.deps.revoke(d.previewUrl);
          const copy = await this.deps.copy(d.image);
          if ('close' in d.image && typeof d.image.close === 'function') d.image.close();
          return { copy, trueClass: p.trueClass };
        }),
      );
      if (job.signal.aborted) throw new AbortedError();
      this.galleryNote = null;
      const r = await this.client.call(
        'lesion-gallery',
        { model: this.spec, photos: sent.map((s) => ({ image: s.copy.image, trueClass: s.trueClass })) },
        {
          signal: job.signal,
          transfer: sent.flatMap((s) => s.copy.transfer),
          onEvent: (g) => {
            if (this.galleryJob === job) this.gallery = g;
          },
          onProgress: (f) => {
            if (this.galleryJob === job) this.galleryProgress = f;
          },
        },
      );
      this.blocks = r.blocks;
      this.gallery = r;
    } catch (e) {
      if (!isAborted(e)) this.fail(e);
    } finally {
      // Unless a newer run has taken over: cancelled (at any stage) says so; otherwise the note goes.
      if (this.galleryJob === job || this.galleryJob === null) {
        this.galleryJob = null;
        this.galleryProgress = null;
        this.galleryNote = job.signal.aborted ? 'Cancelled.' : null;
      }
    }
  }

  cancelGallery(): void {
    this.galleryJob?.abort(new AbortedError());
    this.galleryJob = null;
    this.galleryProgress = null;
  }

  cancelDownload(): void {
    this.download?.abort(new AbortedError());
  }

  /** Downloads ResNet-50 once per worker (shared with every other figure on the page), with progress. */
  private async load(): Promise<void> {
    if (this.client.generation === this.loadedGeneration && this.loadedGeneration >= 0) return;
    this.busy = `Downloading ${this.spec.name} (${formatMB(this.spec.bytes)})…`;
    const download = (this.download = new AbortController());
    try {
      await this.client.retryingStartHangs(() =>
        this.client.call('load', { model: this.spec }, { signal: download.signal, onProgress: (f) => (this.progress = f) }),
      );
      this.loadedGeneration = this.client.generation;
    } finally {
      this.download = null;
      this.progress = null;
    }
  }

  /** A request about the current photo; the photo is sent first when the worker lacks it, and again if it let go of it. */
  private async call<K extends 'lesion' | 'lesion-sweep'>(
    method: K,
    args: Args<EngineMethods, K>,
    opts: CallOptions<EventOf<EngineMethods, K>> = {},
  ): Promise<Result<EngineMethods, K>> {
    await this.sendImage();
    try {
      return await this.client.call(method, args, opts);
    } catch (e) {
      if (!(e instanceof WorkerError) || !/no longer held/.test(e.message)) throw e;
      await this.sendImage(true);
      return this.client.call(method, args, opts);
    }
  }

  private async sendImage(force = false): Promise<void> {
    const photo = this.photo;
    if (!photo) throw new Error('Pick a photo first.');
    if (!force && this.sent.generation === this.client.generation && this.sent.id === photo.id) return;
    const { image, transfer } = await this.deps.copy(photo.image);
    await this.client.call('put-image', { imageId: photo.id, image }, { transfer });
    this.sent = { generation: this.client.generation, id: photo.id };
  }

  /** Shows a failure in words; `cancelled` is what an explicit cancel says. */
  private fail(e: unknown, cancelled?: string): void {
    if (e instanceof AbortedError && e.why === 'superseded') return;
    this.alert = isAborted(e) ? (cancelled ?? null) : describe(e);
  }

  dispose(): void {
    this.picks.cancel();
    this.lesions.cancel();
    this.cancelSweep();
    this.cancelGallery();
    if (this.photo) this.deps.revoke(this.photo.previewUrl);
  }
}
