// A classifier's model downloads in the page's shared worker: one load per model at a time (a pick
// starts its model's download while the photo is read, and the answer joins it), the byte progress and
// the status while it runs, and where each loaded model's files came from.
import { SAVED_COPY_NOTE } from '../../lib/inference/weight-cache';
import type { ModelEntry } from '../../lib/inference/models';
import type { ModelInfo } from '../../lib/engine/methods';
import { formatMB } from '../../lib/format';
import { AbortedError } from '../../lib/worker-rpc/abort';
import type { EngineClient } from '../shared/engine';

/** The status while the worker's backend starts. */
export const STARTING = 'Starting TensorFlow.js in a worker…';
/** The status while a picked photo is read (its model may load meanwhile). */
export const READING = 'Reading the image…';

/** What the downloads need of their classifier. */
export interface LoadsHost {
  engine(): EngineClient;
  /** Starts the worker's backend quietly: its 'start' is posted before this returns. */
  ready(): Promise<unknown>;
  /** True while the backend is not known to have started. */
  starting(): boolean;
  spec(id: string): ModelEntry;
  /** The spec as the worker needs it (absolute URLs). */
  workerSpec(id: string): ModelEntry;
  /** Shows a status line. */
  say(status: string): void;
  /** True while the status is about reading a picked photo (whose model may load meanwhile). */
  reading(): boolean;
}

/**
 * How a load is asked for: 'shown' (the status tells of it: what an answer waits for), 'quiet' (the
 * status keeps what it says, the progress shows: a pick's download while its photo is read), or
 * 'background' (neither: the quick model loading for a first answer while the chosen one downloads).
 */
export type LoadMode = 'shown' | 'quiet' | 'background';

/** A model loading now: whether the status tells of it yet, whether it is in the background, and whether its files come from this device. */
interface Loading {
  promise: Promise<ModelInfo>;
  shown: boolean;
  background: boolean;
  fromSaved: boolean;
  download: AbortController;
}

export class ModelLoads {
  /** The current download: its share done, and bytes of weights so far and in all. */
  progress = $state<{ fraction: number; loaded: number; total: number } | null>(null);
  /** During a download, a retry or being offline; after it, why the files were not saved (a full quota). */
  loadNote = $state<string | null>(null);
  /** Where each loaded model's weights came from (a fallback host is shown to the reader); {} for a new worker. */
  sources = $state<Record<string, ModelInfo>>({});

  private download: AbortController | null = null;
  private readonly loading = new Map<string, Loading>();

  constructor(private readonly host: LoadsHost) {}

  /**
   * Loads a model in the worker (downloading once, with progress and a Cancel); asks while it loads
   * share it. A background load stops when `signal` aborts, unless the reader has asked for it since.
   */
  load(id: string, mode: LoadMode = 'shown', signal?: AbortSignal): Promise<ModelInfo> {
    let loading = this.loading.get(id);
    if (!loading) {
      const l = { shown: false, background: mode === 'background', fromSaved: false, download: new AbortController() } as Loading;
      if (!l.background) this.download = l.download;
      l.promise = this.fetch(id, l).finally(() => {
        if (this.loading.get(id) === l) this.loading.delete(id);
      });
      this.loading.set(id, (loading = l));
    } else if (loading.background && mode !== 'background') {
      // Asked for by the reader now: its progress shows from here, and Cancel reaches it.
      loading.background = false;
      this.download = loading.download;
    }
    const l = loading;
    if (mode === 'background') signal?.addEventListener('abort', () => l.background && l.download.abort(signal.reason), { once: true });
    if (mode === 'shown') this.show(id);
    return loading.promise;
  }

  /** The status tells of the model's load in progress, if any, from now on (what an answer waits for). */
  show(id: string): void {
    const loading = this.loading.get(id);
    if (!loading || loading.shown || this.sources[id]) return;
    loading.shown = true;
    this.host.say(this.message(id, loading, this.host.starting()));
  }

  /** The reader's "Cancel download". */
  cancel(): void {
    this.download?.abort(new AbortedError());
  }

  /** The status while a model loads: the backend may still be starting, the files may come from this device. */
  private message(id: string, loading: Loading, starting: boolean): string {
    const m = this.host.spec(id);
    if (loading.fromSaved) return `Loading ${m.name} from the copy saved on this device…`;
    if (starting) return `Starting TensorFlow.js in a worker and downloading ${m.name}…`;
    return m.bytes ? `Downloading ${m.name} (${formatMB(m.bytes)})…` : `Downloading ${m.name}…`;
  }

  private async fetch(id: string, loading: Loading): Promise<ModelInfo> {
    const engine = this.host.engine();
    // 'start' is posted first and 'load' right after it: the worker downloads the files while its
    // backend starts, and only builds the model once it has.
    const started = this.host.ready();
    const generation = engine.generation;
    const known = this.sources[id];
    if (known) {
      await started;
      return known;
    }
    let settled = false;
    // Says what the load waits for now, once the backend has started or the files turn out to be here.
    const retell = () => !settled && loading.shown && this.host.say(this.message(id, loading, false));
    void started.then(retell, () => {});
    const { download } = loading;
    if (!loading.background) this.loadNote = null;
    const call = () =>
      engine.call(
        'load',
        { model: this.host.workerSpec(id) },
        {
          signal: download.signal,
          onProgress: (fraction, loaded, total) => {
            if (loading.background) return;
            this.progress = { fraction, loaded, total };
            // All here while the backend still starts: that is what the answer waits for now.
            if (fraction >= 1 && loading.shown && !settled && this.host.starting()) this.host.say(STARTING);
          },
          onEvent: (e) => {
            if (loading.background) return;
            if (e.note?.includes(SAVED_COPY_NOTE)) {
              loading.fromSaved = true;
              // Worth saying even while the photo is still read: nothing is downloaded.
              if (this.host.reading()) loading.shown = true;
              retell();
            }
            this.loadNote = e.note === SAVED_COPY_NOTE ? null : e.note;
          },
        },
      );
    const first = call(); // adopts a download the page began for a click before this island ran (shared/engine.ts)
    first.catch(() => {}); // read below, once the start is known
    try {
      await started;
      // A worker that hung while starting was replaced: the files are asked of the new one.
      const info = await (engine.generation === generation ? first : call());
      if (!loading.background) {
        this.loadNote = info.notKept && `${this.host.spec(id).name} works, but was not saved for your next visit: ${info.notKept}.`;
      }
      this.sources = { ...this.sources, [id]: info };
      return info;
    } finally {
      settled = true;
      if (!loading.background) this.progress = null;
      if (this.download === download) this.download = null;
    }
  }
}
