// The training lab's state and actions, apart from any markup: the form and the URL, the worker's
// lifecycle (one per backend, ended on Reset), pausing when the tab is hidden, and every text the
// island shows (status, expectation, time, backend). The run's bookkeeping from the worker's events is
// LabRun (src/lib/train/lab-run.ts), a plain object: `tick` goes up when it changed, so what is derived
// from it is recomputed. TrainingLab.svelte and its parts only lay this out; Vitest drives it with a
// fake worker.
import { LabRun, NET_KEYS, divergedText } from '../../lib/train/lab-run';
import { decodeLabUrl, encodeLabUrl, searchString } from '../../lib/train/lab-url';
import { DEFAULT_LAB_FORM, formFields, formState, type LabBackend } from '../../lib/train/lab-form';
import { chooseReference } from '../../lib/train/lab-reference';
import { labNetSizes, precheckLab, timeText } from '../../lib/train/lab-expect';
import { DEFAULT_LAB_SETTINGS, validateLabSettings, type LabEvent, type LabSettings, type NetKey } from '../../lib/train/lab-methods';
import { BackendLadder } from '../../lib/worker-rpc';
import type { LabGradients } from './lab-bus';
import type { LabWorker } from './lab-client';
import { LiveLandscapeState } from '../landscape/live-landscape-state.svelte';
import { liveGridFromUrl } from '../../lib/landscape/live-grid';
import { labSpecs } from '../../lib/train/lab-nets';

type LabPhase = 'refused' | 'error' | 'starting' | 'loading' | 'idle' | 'running' | 'paused' | 'done';

interface LabDeps {
  /** A new worker on `backend`, sending every event to `onEvent`. */
  createWorker: (backend: LabBackend, ladder: BackendLadder, onEvent: (e: LabEvent) => void) => LabWorker;
  /** Where the lab's gradient snapshots go (the gradient-flow figure follows them). */
  publishGradients?: (g: LabGradients) => void;
  /** Asks for a redraw (`tick`): the page batches them into animation frames; by default at once. */
  scheduleRedraw?: (redraw: () => void) => void;
  /** The page's clock, for the wall time per iteration. */
  now?: () => number;
}

export class LabState {
  form = $state(formFields(DEFAULT_LAB_FORM));
  /** Bumped whenever `run` changed. */
  tick = $state(0);
  /** Start pressed, training not yet running (worker starting, data loading, first evaluation). */
  starting = $state(false);
  urlNotes = $state<readonly string[]>([]);
  pausedByHidden = $state(false);
  readonly run = new LabRun();
  /** The live landscape around the trained pair; dropped whenever the nets change. */
  readonly landscape = new LiveLandscapeState({
    map: () => (this.worker ? (args, onEvent, signal) => this.worker!.landscape(args, onEvent, signal) : null),
    ended: () => this.worker?.memory(),
  });

  // A hang moves every later worker of this figure down a rung.
  private readonly ladder = new BackendLadder();
  private worker: LabWorker | null = null;
  private workerBackend: LabBackend | null = null;
  /** The tab was hidden before the run got going: pause as soon as it runs. */
  private pauseWhenRunning = false;
  private sentSettings: LabSettings | null = null;
  private readonly scheduleRedraw: (redraw: () => void) => void;
  private readonly now: () => number;

  constructor(private readonly deps: LabDeps) {
    this.scheduleRedraw = deps.scheduleRedraw ?? ((redraw) => redraw());
    this.now = deps.now ?? (() => performance.now());
  }

  private refresh(): void {
    this.scheduleRedraw(() => this.tick++);
  }

  private onEvent(e: LabEvent): void {
    this.run.apply(e, this.now());
    if (e.type === 'state' && e.state === 'running') {
      this.starting = false;
      if (this.pauseWhenRunning) {
        this.pauseWhenRunning = false;
        this.worker?.pause();
      }
    }
    if (e.type === 'state' && e.state === 'done') this.starting = false;
    if (e.type === 'refused') this.starting = false;
    if (e.type === 'error') {
      // The worker cannot go on: end it, so the next Start gets a fresh one.
      this.starting = false;
      this.endWorker();
    }
    // The gradient-flow figure follows the lab's snapshots (with the settings they belong to).
    if (e.type === 'gradients')
      this.deps.publishGradients?.({ ...e, settings: this.run.settings ?? this.sentSettings ?? DEFAULT_LAB_SETTINGS });
    // Between two steps the worker holds only the nets, their optimiser state and the data: ask for
    // its tensor count after every step, so a leak would show as a growing number.
    if (e.type === 'step') {
      this.worker?.memory();
      this.landscape.labMsPerIteration = this.run.msPerIteration;
    }
    this.refresh();
  }

  private endWorker(): void {
    this.landscape.drop();
    this.worker?.retire();
    this.worker = null;
    this.workerBackend = null;
    this.run.backend = null;
  }

  /** Reads the form from the URL (`lab.*` keys); a URL with `lab.run=1` starts at once. */
  load(search: string): void {
    const d = decodeLabUrl(new URLSearchParams(search));
    this.form = formFields(d);
    this.urlNotes = d.notes;
    this.landscape.settings = liveGridFromUrl(search);
    if (d.run) this.start();
  }

  /** The page's query with the form's settings written in (`?…` or ''). */
  urlSearch(search: string): string {
    return searchString(encodeLabUrl(formState(this.form), new URLSearchParams(search)));
  }

  start(): void {
    const { settings, backend } = formState(this.form);
    this.landscape.drop();
    this.run.clear();
    this.pausedByHidden = false;
    this.pauseWhenRunning = false;
    if (!this.run.precheck(settings)) {
      this.starting = false;
      this.refresh();
      return;
    }
    if (this.worker && this.workerBackend !== backend) this.endWorker();
    if (!this.worker) {
      this.worker = this.deps.createWorker(backend, this.ladder, (e) => this.onEvent(e));
      this.workerBackend = backend;
    }
    this.sentSettings = settings;
    this.starting = true;
    this.worker.start(settings);
    this.refresh();
  }

  /** Pause while training, Resume while paused. */
  toggle(): void {
    if (this.run.state === 'running') this.worker?.pause();
    else if (this.run.state === 'paused') {
      this.landscape.drop();
      this.pausedByHidden = false;
      this.worker?.resume();
    }
  }

  reset(): void {
    this.endWorker();
    this.run.clear();
    this.starting = false;
    this.pausedByHidden = false;
    this.pauseWhenRunning = false;
    this.tick++;
  }

  /** "Map the landscape around these two nets" (the lab paused or done). */
  mapLandscape(deviceMemoryGiB?: number): void {
    const s = this.run.settings;
    const names = this.names;
    const specs = s ? labSpecs(s).map((x) => x.spec) : [];
    this.landscape.start({ specs, names, backend: this.run.backend?.name ?? 'wasm', deviceMemoryGiB });
  }

  /** The tab was hidden: pause a running run (or the one about to run). */
  hidden(): void {
    if (this.run.state === 'running' && this.worker) {
      this.worker.pause();
      this.pausedByHidden = true;
    } else if (this.starting) {
      this.pauseWhenRunning = true;
      this.pausedByHidden = true;
    }
  }

  dispose(): void {
    this.endWorker();
  }

  /** What is shown: the running settings, else the form's (if valid), for the texts and dashed lines. */
  readonly shown = $derived.by((): LabSettings => {
    void this.tick;
    if (this.run.settings) return this.run.settings;
    const v = validateLabSettings(formState(this.form).settings);
    return v.ok ? v.settings : DEFAULT_LAB_SETTINGS;
  });
  readonly names = $derived.by((): Record<NetKey, string> => {
    void this.tick;
    return {
      plain: this.run.netInfo('plain')?.name ?? `Plain-${this.shown.depth}`,
      residual: this.run.netInfo('residual')?.name ?? `ResNet-${this.shown.depth}`,
    };
  });
  readonly reference = $derived(chooseReference(this.shown));
  readonly sizes = $derived.by(() => {
    try {
      return labNetSizes(this.shown);
    } catch {
      return null;
    }
  });
  readonly phase = $derived.by((): LabPhase => {
    void this.tick;
    if (this.run.refused) return 'refused';
    if (this.run.error) return 'error';
    if (this.starting) return this.run.state === 'loading' ? 'loading' : 'starting';
    return this.run.state;
  });
  readonly busy = $derived(this.phase === 'starting' || this.phase === 'loading' || this.phase === 'running' || this.phase === 'paused');
  readonly time = $derived.by(() => {
    void this.tick;
    const r = this.run;
    const fit = r.estimate ?? precheckLab(this.shown);
    return timeText({
      settings: this.shown,
      iteration: r.iteration,
      measuredMsPerIteration: r.msPerIteration,
      wallMsPerIteration: r.wallMsPerIteration,
      netsTraining: r.netsTraining,
      estimatedSecondsPerIteration: Number.isFinite(fit.secondsPerStep) ? fit.secondsPerStep : null,
    });
  });
  readonly diverged = $derived.by(() => {
    void this.tick;
    return NET_KEYS.flatMap((k) => {
      const d = this.run.curves[k].diverged;
      return d ? [`${this.names[k]} ${divergedText(d)}`] : [];
    });
  });
  /** The live status line: changes of state, never every step. */
  readonly status = $derived.by(() => {
    void this.tick;
    const both = `${this.names.plain} and ${this.names.residual}`;
    const div = this.diverged.length ? ` ${this.diverged.join('; ')}.` : '';
    switch (this.phase) {
      case 'refused':
        return 'Not started: these settings were refused (see the message below).';
      case 'error':
        return 'The training stopped with an error (see the message below).';
      case 'starting':
        return `Starting TensorFlow.js in a worker for ${both}…`;
      case 'loading':
        return 'Loading the Fashion-MNIST training images…';
      case 'running':
        return `Training ${both} side by side.${div}`;
      case 'paused':
        return `Paused at iteration ${this.run.iteration}${this.pausedByHidden ? ' because the tab was hidden' : ''}. Press Resume to go on.${div}`;
      case 'done':
        return `Done: ${this.run.iteration} iterations.${div}`;
      default:
        return `Ready: press Start to train ${both} side by side.`;
    }
  });
  /** Percent of the training images loaded, when the size is known. */
  readonly loadPct = $derived.by(() => {
    void this.tick;
    const l = this.run.loading;
    return l && l.total ? Math.min(100, Math.round((100 * l.loaded) / l.total)) : null;
  });
  /** The worker's note says why this backend (and any fallback), with SIMD and threads for wasm. */
  readonly backendNote = $derived.by(() => {
    void this.tick;
    const b = this.run.backend;
    return b ? `Backend: ${b.name} — ${b.note.replace(/\.$/, '')}.` : '';
  });
  /** `run` is a plain object: every read in the markup goes through this snapshot, renewed each tick. */
  readonly view = $derived.by(() => {
    void this.tick;
    const r = this.run;
    return {
      iteration: r.iteration,
      epoch: r.epoch,
      refused: r.refused,
      error: r.error,
      numTensors: r.numTensors,
      tensorsAt: r.tensorsAt,
      backend: r.backend?.name,
    };
  });
}
