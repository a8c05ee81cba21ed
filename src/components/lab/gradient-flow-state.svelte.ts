// The gradient-flow figure's state and actions, apart from any markup: the nets the reader chose, the
// figure's own lab worker (one backward pass per choice, the latest choice winning on the runtime's
// lane), the snapshots the training lab publishes, and the texts under the chart. GradientFlow.svelte
// and its parts only lay this out; Vitest drives it with a fake worker.
import type { FlowNet } from './draw-gradient-flow';
import type { LabGradients } from './lab-bus';
import type { LabWorker } from './lab-client';
import { DEFAULT_LAB_SETTINGS, type LabDepth, type LabEvent, type LabSettings } from '../../lib/train/lab-methods';
import type { InitScheme } from '../../lib/data/gradient-flow';
import { GRAD_METRICS, labNetName, summariseFlow, type GradMetric } from '../../lib/train/gradient-summary';
import { formatMiB } from '../../lib/format';
import { isAborted, WorkerCrashedError } from '../../lib/worker-rpc';
import { earlyChecked, earlyOneOf, type EarlySettings } from '../../lib/early-clicks';

export const FLOW_DEPTHS = [8, 20, 32, 56] as const satisfies readonly LabDepth[];
export const FLOW_INITS: readonly { id: InitScheme; label: string }[] = [
  { id: 'he', label: 'He' },
  { id: 'glorot', label: 'Glorot' },
];

interface Setup {
  readonly depth: LabDepth;
  readonly batchNorm: boolean;
  readonly init: InitScheme;
}
export interface Snapshot {
  readonly setup: Setup;
  readonly iteration: number;
  readonly nets: readonly FlowNet[];
}

type FlowPhase = 'idle' | 'starting' | 'loading' | 'computing' | 'ready' | 'failed';

const sameSetup = (a: Setup | null | undefined, b: Setup): boolean =>
  !!a && a.depth === b.depth && a.batchNorm === b.batchNorm && a.init === b.init;

/** "Plain-56 and ResNet-56, batch norm off, Glorot initialisation". */
export const describeSetup = (s: Setup): string =>
  `${labNetName('plain', s.depth)} and ${labNetName('residual', s.depth)}, batch norm ${s.batchNorm ? 'on' : 'off'}, ${s.init === 'he' ? 'He' : 'Glorot'} initialisation`;

/** "56/nobn/glorot", for tests. */
export const setupKey = (s: Setup): string => `${s.depth}/${s.batchNorm ? 'bn' : 'nobn'}/${s.init}`;

export class GradientFlowState {
  depth = $state<LabDepth>(56);
  batchNorm = $state(false);
  init = $state<InitScheme>('glorot');
  metric = $state<GradMetric>('outputGradRms');
  mode = $state<'init' | 'lab'>('init');
  phase = $state<FlowPhase>('idle');
  loaded = $state<{ loaded: number; total: number | null } | null>(null);
  failure = $state<string | null>(null);
  backendNote = $state('');
  atInit = $state.raw<Snapshot | null>(null);
  fromLab = $state.raw<Snapshot | null>(null);
  /** Snapshots computed, for tests. */
  computed = $state(0);
  tensors = $state<number | null>(null);
  showTable = $state(false);

  private worker: LabWorker | null = null;
  /** The setup of the latest request: the only one whose answer arrives (the lane drops the others). */
  private asked: Setup | null = null;

  constructor(private readonly createWorker: (onEvent: (e: LabEvent) => void) => LabWorker) {}

  readonly setupNow = $derived<Setup>({ depth: this.depth, batchNorm: this.batchNorm, init: this.init });
  readonly shown = $derived(this.mode === 'lab' && this.fromLab ? this.fromLab : this.atInit);
  readonly stale = $derived(this.mode === 'init' && !!this.atInit && !sameSetup(this.atInit.setup, this.setupNow));
  readonly summary = $derived(this.shown ? summariseFlow(this.shown.nets, this.metric) : null);
  readonly metricLabel = $derived(GRAD_METRICS.find((m) => m.id === this.metric)?.label ?? this.metric);
  readonly busy = $derived(this.phase === 'computing' || this.phase === 'loading' || this.phase === 'starting');
  // A server that sends the .gz files with Content-Encoding: gzip makes the browser count decoded
  // bytes against the compressed length: past it, only the bytes so far are shown.
  readonly progressKnown = $derived(!!this.loaded && this.loaded.total !== null && this.loaded.loaded <= this.loaded.total);
  readonly progressText = $derived.by(() => {
    const l = this.loaded;
    if (!l) return '';
    return this.progressKnown && l.total !== null ? `${formatMiB(l.loaded)} of ${formatMiB(l.total)}` : formatMiB(l.loaded);
  });
  /** One row per weight layer of the deeper net, for the table. */
  readonly rows = $derived(this.shown ? Array.from({ length: Math.max(...this.shown.nets.map((n) => n.layers.length)) }, (_, i) => i) : []);

  private onEvent(e: LabEvent): void {
    if (e.type === 'backend') {
      const b = e.info;
      this.backendNote = b.name === 'wasm' ? `wasm (${b.threads && b.threads > 1 ? `${b.threads} threads` : 'one thread'})` : b.name;
      if (this.phase === 'starting') this.phase = 'computing';
    } else if (e.type === 'loading') {
      this.loaded = { loaded: e.loaded, total: e.total };
      this.phase = 'loading';
    } else if (e.type === 'gradients') {
      const setup = this.asked;
      if (!setup) return;
      // Count the worker's tensors now, before the next request can start building nets.
      this.worker?.memory();
      this.atInit = {
        setup,
        iteration: e.iteration,
        nets: e.nets.map((n) => ({ key: n.key, name: labNetName(n.key, setup.depth), layers: n.layers })),
      };
      this.computed++;
      this.phase = 'ready';
    } else if (e.type === 'memory') {
      this.tensors = e.numTensors;
    } else if (e.type === 'refused' || e.type === 'error') {
      this.asked = null;
      this.phase = 'failed';
      this.failure = e.message;
    }
  }

  /** Starts the figure's worker (when it comes into view, or on the button) and asks for the nets shown. */
  start(): void {
    if (this.worker) return;
    this.failure = null;
    this.phase = 'starting';
    this.worker = this.createWorker((e) => this.onEvent(e));
    this.request();
  }

  retry(): void {
    this.worker?.terminate();
    this.worker = null;
    this.asked = null;
    this.start();
  }

  /** One backward pass for the setup now; a newer request replaces it. */
  request(): void {
    const w = this.worker;
    if (!w) return;
    if (this.phase === 'ready') this.phase = 'computing';
    const setup = this.setupNow;
    this.asked = setup;
    const settings: LabSettings = { ...DEFAULT_LAB_SETTINGS, ...setup };
    w.gradients(settings).catch((e: unknown) => {
      // Superseded by a newer choice, or the worker stopped (its own event says so).
      if (isAborted(e) || e instanceof WorkerCrashedError || this.worker !== w) return;
      this.onEvent({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    });
  }

  setDepth(v: LabDepth): void {
    this.depth = v;
    this.request();
  }
  setBatchNorm(v: boolean): void {
    this.batchNorm = v;
    this.request();
  }
  setInit(v: InitScheme): void {
    this.init = v;
    this.request();
  }

  /**
   * The choices a reader made before the figure hydrated (src/lib/early-clicks.ts: `depth`, `bn`,
   * `init`, `metric`); a value the controls do not offer is ignored.
   */
  applyEarly(kept: EarlySettings): void {
    this.depth = earlyOneOf(kept.depth, FLOW_DEPTHS) ?? this.depth;
    this.batchNorm = earlyChecked(kept.bn) ?? this.batchNorm;
    this.init =
      earlyOneOf(
        kept.init,
        FLOW_INITS.map((o) => o.id),
      ) ?? this.init;
    this.metric =
      earlyOneOf(
        kept.metric,
        GRAD_METRICS.map((m) => m.id),
      ) ?? this.metric;
    this.request();
  }

  /** A snapshot the training lab published while it trains. */
  labGradients(g: LabGradients): void {
    const setup: Setup = { depth: g.settings.depth, batchNorm: g.settings.batchNorm, init: g.settings.init };
    this.fromLab = {
      setup,
      iteration: g.iteration,
      nets: g.nets.map((n) => ({ key: n.key, name: labNetName(n.key, setup.depth), layers: n.layers })),
    };
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
