// The race's state and actions, apart from any markup: the reader's choices, the memory estimate and
// capacity check, the HEAD check for the real weights, the run in its own worker (through a
// RaceRunner, so Vitest drives it with a fake) and what the page says at each step. ModelRace.svelte
// and its parts only lay this out.
import { modelById, ownModelUrl } from '../../lib/inference/models';
import { checkCapacity, type DeviceReport } from '../../lib/race/capacity';
import { compareRows, racerSpec, square, RACERS, REAL_WEIGHTS_MODEL_ID, type RaceRow, type Weights } from '../../lib/race/racers';
import { RACER_NAMES, raceTable, racerLabel } from '../../lib/race/table';
import { estimateMemory, peakBytes, type MemoryEstimate } from '../../lib/race/memory';
import { DEFAULT_PROTOCOL, type RaceProtocol } from '../../lib/race/timing';
import type { RaceArgs } from '../../lib/race/methods';
import type { MemorySnapshot, RaceEvent } from '../../lib/race/race';
import type { BackendInfo, BackendName } from '../../lib/worker-rpc';
import { formatBytes, formatMsValue } from '../../lib/format';
import { earlyOneOf, type EarlySettings } from '../../lib/early-clicks';

export const RACE_SIDES = [224, 112, 64, 32] as const;
/** The weights and backends RaceControls offers. */
const RACE_WEIGHTS = ['zeros', 'random'] as const satisfies readonly Weights[];
const RACE_BACKENDS = ['wasm', 'webgpu', 'webgl', 'cpu'] as const satisfies readonly BackendName[];

type RacePhase = 'idle' | 'loading' | 'running' | 'done' | 'cancelled' | 'failed' | 'refused';
type RealWeights = 'not-built' | 'checking' | 'available' | 'unreachable';

/** What one race asks of its worker (the backend's threads are the runtime's to set after a hang). */
export type RaceRequest = Omit<RaceArgs, 'threads'>;

/** What the worker reports while it races. */
export interface RaceProgress {
  /** The backend that started (described by the ladder's note after a hang). */
  backend(info: BackendInfo): void;
  /** A starting worker hung and a new one starts a rung lower. */
  restarting(note: string): void;
  memory(when: 'before' | 'after', m: MemorySnapshot): void;
  event(e: RaceEvent): void;
  /** Download progress of the real weights, 0–1. */
  download(fraction: number): void;
}

export type RaceOutcome = { readonly refused: string } | { readonly rows: readonly RaceRow[] };

/** Why a race stopped before its end: an error in the worker, a hung worker, or a crashed one. */
export class RaceFailed extends Error {
  constructor(
    readonly kind: 'error' | 'hung' | 'crashed',
    detail: string,
  ) {
    super(detail);
  }
}

/** Runs one race in a worker of its own, ended when the race settles or `signal` aborts (Cancel). */
export interface RaceRunner {
  run(req: RaceRequest, progress: RaceProgress, signal: AbortSignal): Promise<RaceOutcome>;
}

/** The message for each way a race can stop early. */
export function failureMessage(e: unknown): string {
  if (e instanceof RaceFailed && e.kind === 'hung')
    return `The race stopped: its worker stopped answering (${e.message}). Everything it built has been freed.`;
  if (e instanceof RaceFailed && e.kind === 'crashed')
    return `The race's worker stopped (${e.message}). Its memory has been given back; try a smaller input size.`;
  const message = e instanceof Error ? e.message : String(e);
  return `The race stopped: ${message}. Everything it built has been freed; try a smaller input size or another backend.`;
}

/** "12 tensors, 3.2 MB". */
export const memoryText = (m: MemorySnapshot): string => `${m.numTensors} tensors, ${formatBytes(m.numBytes)}`;

/** The first racer this device cannot hold, with the reason, or null. */
function firstRefusal(list: readonly MemoryEstimate[], device: DeviceReport): string | null {
  for (const e of list) {
    const v = checkCapacity(e, device);
    if (!v.ok) return v.message;
  }
  return null;
}

export class RaceState {
  side = $state<number>(224);
  backendChoice = $state<BackendName>('wasm');
  weights = $state<Exclude<Weights, 'keras'>>('zeros');
  phase = $state<RacePhase>('idle');
  status = $state('');
  progress = $state<{ value: number; max: number } | null>(null);
  alertMessage = $state<string | null>(null);
  rows = $state.raw<readonly RaceRow[]>([]);
  racedBackend = $state('');
  memBefore = $state<MemorySnapshot | null>(null);
  memAfter = $state<MemorySnapshot | null>(null);
  backendInfo = $state<{ name: string; note: string } | null>(null);
  /** `navigator.deviceMemory` where the browser has it (Chrome and Edge: GiB, rounded, at most 8). */
  deviceMemoryGiB = $state<number | undefined>(undefined);
  real = $state<RealWeights>('not-built');
  /** Races that ended (done, failed, refused by the worker or cancelled), for tests. */
  races = $state(0);

  readonly protocol: RaceProtocol = DEFAULT_PROTOCOL;
  readonly realUrl: string;
  /** The current race: aborting it ends its worker. */
  private current: AbortController | null = null;

  constructor(
    private readonly runner: RaceRunner,
    private readonly realWeightsInBuild = false,
    base = '/',
  ) {
    this.realUrl = ownModelUrl(REAL_WEIGHTS_MODEL_ID, base);
  }

  readonly busy = $derived(this.phase === 'loading' || this.phase === 'running');
  readonly estimates = $derived(RACERS.map((r) => estimateMemory(racerSpec(r.id), square(this.side))));
  readonly peak = $derived(peakBytes(this.estimates));
  readonly vggMillions = $derived(Math.round(this.estimates[0]!.params / 1e6));
  readonly comparison = $derived.by(() => {
    const v = this.rows.find((r) => r.id === 'vgg16');
    const r = this.rows.find((x) => x.id === 'resnet50');
    return v && r ? compareRows(v, r) : null;
  });
  /** The real weights' download size, for the button. */
  readonly realBytes = modelById(REAL_WEIGHTS_MODEL_ID).bytes;
  /** The chart's bars, one per raced model ("*": real weights). */
  readonly bars = $derived(this.rows.map((r) => ({ label: racerLabel(r), median: r.timing.median, min: r.timing.min, max: r.timing.max })));
  readonly table = $derived(raceTable(this.rows));
  readonly chartLabel = $derived(this.rows.map((r) => `${RACER_NAMES[r.id]}: median ${formatMsValue(r.timing.median)} ms`).join('; '));

  /**
   * The choices a reader made before the island hydrated (src/lib/early-clicks.ts: `side`, `weights`,
   * `backend`); a value the controls do not offer is ignored. Not while a race runs.
   */
  applyEarly(kept: EarlySettings): void {
    if (this.busy) return;
    this.side = earlyOneOf(kept.side, RACE_SIDES) ?? this.side;
    this.weights = earlyOneOf(kept.weights, RACE_WEIGHTS) ?? this.weights;
    this.backendChoice = earlyOneOf(kept.backend, RACE_BACKENDS) ?? this.backendChoice;
  }

  /** Asks the server whether it serves the real weights (only if the build had them); returns a cancel. */
  checkRealWeights(fetchFn: typeof fetch = fetch): () => void {
    if (!this.realWeightsInBuild) return () => {};
    this.real = 'checking';
    const ask = new AbortController();
    fetchFn(this.realUrl, { method: 'HEAD', signal: ask.signal })
      .then((res) => (this.real = res.status === 200 ? 'available' : 'unreachable'))
      .catch(() => {
        if (!ask.signal.aborted) this.real = 'unreachable';
      });
    return () => ask.abort();
  }

  private onEvent(e: RaceEvent): void {
    const id = e.type === 'result' ? e.row.id : e.racer;
    const name = `${RACER_NAMES[id]} (model ${RACERS.findIndex((r) => r.id === id) + 1} of ${RACERS.length})`;
    if (e.type === 'build') {
      this.status = `Building ${name}: layer ${e.done} of ${e.total} (${e.layer})`;
      this.progress = { value: e.done, max: e.total };
    } else if (e.type === 'load') {
      this.status = `Downloading the real Keras weights for ${name}…`;
      this.progress = null;
    } else if (e.type === 'run') {
      const p = e.progress;
      this.status = `Timing ${name}: ${p.phase === 'warmup' ? 'warm-up run' : 'timed run'} ${p.index} of ${p.of} (${formatMsValue(p.ms)} ms)`;
      const done = (p.phase === 'warmup' ? 0 : this.protocol.warmup) + p.index;
      this.progress = { value: done, max: this.protocol.warmup + this.protocol.runs };
    } else if (e.type === 'result') {
      this.rows = [...this.rows, e.row];
    } else if (e.type === 'disposed') {
      this.status = `${name}: disposed`;
    }
  }

  private finish(next: RacePhase, message?: string): void {
    this.current = null;
    this.phase = next;
    this.progress = null;
    if (message) this.alertMessage = message;
    if (next !== 'done') this.rows = [];
    this.races++;
  }

  /** Starts a race (the real-weights one at 224×224); refused on the page when it cannot fit. */
  async start(withRealWeights: boolean, pageUrl = 'http://localhost/'): Promise<void> {
    if (this.busy) return;
    this.alertMessage = null;
    this.rows = [];
    this.memBefore = null;
    this.memAfter = null;
    const side = withRealWeights ? 224 : this.side;
    const list = RACERS.map((r) => estimateMemory(racerSpec(r.id), square(side)));
    const early = firstRefusal(list, { deviceMemoryGiB: this.deviceMemoryGiB, backend: this.backendChoice, limits: {} });
    if (early) {
      this.phase = 'refused';
      this.alertMessage = early;
      return;
    }
    this.phase = 'loading';
    this.status = 'Starting TensorFlow.js in a worker…';
    this.progress = null;
    const run = new AbortController();
    this.current = run;
    const mine = () => this.current === run;
    const req: RaceRequest = {
      side,
      weights: this.weights,
      backend: this.backendChoice,
      protocol: this.protocol,
      deviceMemoryGiB: this.deviceMemoryGiB,
      ...(withRealWeights ? { realUrl: new URL(this.realUrl, pageUrl).href } : {}),
    };
    const progress: RaceProgress = {
      backend: (info) => {
        if (!mine()) return;
        this.backendInfo = { name: info.name, note: info.note };
        this.racedBackend = info.name;
        this.phase = 'running';
      },
      restarting: (note) => {
        if (mine()) this.status = `Restarting: ${note}…`;
      },
      memory: (when, m) => {
        if (!mine()) return;
        if (when === 'before') this.memBefore = m;
        else this.memAfter = m;
      },
      event: (e) => {
        if (mine()) this.onEvent(e);
      },
      download: (fraction) => {
        if (mine()) this.progress = { value: Math.round(fraction * 100), max: 100 };
      },
    };
    try {
      const outcome = await this.runner.run(req, progress, run.signal);
      if (!mine()) return;
      if ('refused' in outcome) this.finish('refused', outcome.refused);
      else {
        this.status = 'Finished.';
        this.finish('done');
      }
    } catch (e) {
      if (mine()) this.finish('failed', failureMessage(e));
    }
  }

  /** Stops the race: its worker ends, and with it every tensor it built. */
  cancel(): void {
    const run = this.current;
    if (!run) return;
    this.current = null;
    run.abort();
    this.phase = 'cancelled';
    this.status = 'Cancelled.';
    this.rows = [];
    this.progress = null;
    // The worker is gone, and with it every tensor it built: nothing is left held.
    if (this.memBefore) this.memAfter = this.memBefore;
    this.races++;
  }

  /** The island goes away: end any race's worker. */
  dispose(): void {
    this.current?.abort();
    this.current = null;
  }
}
