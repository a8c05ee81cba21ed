/**
 * The training lab, framework-free: a plain-N and a ResNet-N train side by side on the same
 * batches (same seed, same order), and the session reports every step, error evaluations and
 * per-layer gradient norms as `LabEvent`s. A Web Worker is a thin wrapper:
 *
 *   const session = new LabSession({ tf, loadData: (p) => loadFashionMnist({ baseUrl, onProgress: p }), post: (e) => postMessage(e) });
 *   onmessage = (m) => session.handle(m.data);
 *
 * and Node tests drive the same class. Between steps the loop yields (a macrotask), so pause,
 * resume and reset are taken between two steps. A NaN or infinite loss marks that net 'diverged'
 * (a result, not a crash); the other net goes on.
 */
import type { EstimateLimits } from './estimate';
import { yieldToEventLoop } from './event-loop';
import type { FashionMnist, LoadProgress } from './fashion-mnist';
import { pixelStats } from './fashion-mnist';
import type { LabCommand, LabEvent, LabSettings, LabState } from './lab-methods';
import { validateLabSettings } from './lab-methods';
import { buildTrainees, checkLabFits, describeTrainees, disposeTrainees, type Trainee } from './lab-nets';
import { BatchOrder, errorRate, gradientNorms, makeBatch, trainStep, type Normalisation } from './trainer';
import type { Tf } from '../tf';

export interface LabSessionDeps {
  readonly tf: Tf;
  /** Loads the data once (the session keeps it across resets). */
  readonly loadData: (onProgress: (p: LoadProgress) => void) => Promise<FashionMnist>;
  readonly post: (e: LabEvent) => void;
  readonly now?: () => number;
  /** Awaited between steps so commands get in (default: a macrotask). */
  readonly yieldNow?: () => Promise<void>;
  /** Throughput and memory limits for the refusal check. */
  readonly limits?: EstimateLimits;
}

export class LabSession {
  private readonly tf: Tf;
  private readonly now: () => number;
  private readonly yieldNow: () => Promise<void>;
  private data: FashionMnist | null = null;
  private norm: Normalisation | null = null;
  private nets: Trainee[] = [];
  private settings: LabSettings | null = null;
  private order: BatchOrder | null = null;
  private iteration = 0;
  private state: LabState = 'idle';
  /** Bumped by reset/start: a loop from an older run sees it and stops. */
  private generation = 0;
  private loop: Promise<void> | null = null;

  constructor(private readonly deps: LabSessionDeps) {
    this.tf = deps.tf;
    this.now = deps.now ?? (() => performance.now());
    this.yieldNow = deps.yieldNow ?? yieldToEventLoop;
  }

  get currentState(): LabState {
    return this.state;
  }
  get currentIteration(): number {
    return this.iteration;
  }
  /** The trained nets and the data, for the live landscape: only while paused or done (else why not). */
  trainedNets(): { nets: readonly Trainee[]; data: FashionMnist; norm: Normalisation; iteration: number } | { message: string } {
    const { data, norm } = this;
    if ((this.state !== 'paused' && this.state !== 'done') || !data || !norm || this.nets.length === 0)
      return { message: 'Train the two nets first: the landscape is mapped around a paused or finished run.' };
    return { nets: this.nets, data, norm, iteration: this.iteration };
  }
  /** Resolves when the current run's loop has stopped (tests). */
  async settled(): Promise<void> {
    await this.loop;
  }

  /** Handles one command; never throws (errors become an 'error' event). */
  async handle(cmd: LabCommand): Promise<void> {
    try {
      switch (cmd.type) {
        case 'start':
          await this.start(cmd.settings);
          break;
        case 'pause':
          if (this.state === 'running') this.setState('paused');
          break;
        case 'resume':
          if (this.state === 'paused') {
            this.setState('running');
            this.loop = this.run(this.generation);
          }
          break;
        case 'reset':
          await this.reset();
          break;
        case 'gradients':
          await this.gradients(cmd.settings);
          break;
        case 'memory':
          this.postMemory();
          break;
      }
    } catch (err) {
      this.deps.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private setState(state: LabState): void {
    this.state = state;
    this.deps.post({ type: 'state', state });
  }

  private postMemory(): void {
    const m = this.tf.memory();
    this.deps.post({ type: 'memory', numTensors: m.numTensors, numBytes: m.numBytes });
  }

  private async ensureData(): Promise<{ data: FashionMnist; norm: Normalisation }> {
    if (!this.data || !this.norm) {
      this.setState('loading');
      this.data = await this.deps.loadData((p) => this.deps.post({ type: 'loading', loaded: p.loaded, total: p.total }));
      this.norm = pixelStats(this.data.train);
    }
    return { data: this.data, norm: this.norm };
  }

  private disposeNets(): void {
    disposeTrainees(this.nets);
    this.nets = [];
  }

  private async stopLoop(): Promise<void> {
    this.generation++;
    const loop = this.loop;
    this.loop = null;
    await loop;
  }

  private async reset(): Promise<void> {
    await this.stopLoop();
    this.disposeNets();
    this.iteration = 0;
    this.order = null;
    this.settings = null;
    this.setState('idle');
    this.postMemory();
  }

  private async start(raw: LabSettings): Promise<void> {
    const v = validateLabSettings(raw);
    if (!v.ok) {
      this.deps.post({ type: 'refused', message: v.message });
      return;
    }
    const s = v.settings;
    const fit = checkLabFits(s, this.deps.limits);
    const estimate = { bytes: fit.bytes, secondsPerStep: fit.secondsPerStep };
    if (!fit.ok) {
      this.deps.post({ type: 'refused', message: fit.message, estimate });
      return;
    }
    await this.reset();
    const { data } = await this.ensureData();
    this.settings = s;
    this.nets = buildTrainees(this.tf, s);
    this.order = new BatchOrder(data.train.count, s.batchSize, s.seed);
    this.deps.post({ type: 'ready', settings: s, nets: describeTrainees(this.nets), estimate });
    await this.evaluate();
    if (s.gradEvery > 0) await this.postGradients();
    this.setState('running');
    this.loop = this.run(this.generation);
  }

  private async run(gen: number): Promise<void> {
    const { tf } = this;
    while (gen === this.generation && this.state === 'running') {
      const s = this.settings;
      const data = this.data;
      const norm = this.norm;
      const order = this.order;
      if (!s || !data || !norm || !order) return;
      if (this.iteration >= s.maxIterations || this.nets.every((t) => t.diverged)) {
        this.setState('done');
        this.deps.post({ type: 'done', iteration: this.iteration });
        return;
      }
      const { x, y } = makeBatch(tf, data.train, order.next(), norm);
      const it = this.iteration + 1;
      const steps = [];
      try {
        for (const t of this.nets) {
          if (t.diverged) continue;
          const t0 = this.now();
          const r = await trainStep(tf, t.net, t.opt, x, y);
          const ms = this.now() - t0;
          if (!Number.isFinite(r.loss)) {
            t.diverged = true;
            this.deps.post({ type: 'diverged', iteration: it, key: t.key, loss: r.loss });
            continue;
          }
          steps.push({
            key: t.key,
            loss: r.loss,
            batchError: r.errors / s.batchSize,
            msPerStep: ms,
            imagesPerSecond: (1000 * s.batchSize) / Math.max(ms, 1e-3),
          });
        }
      } finally {
        tf.dispose([x, y]);
      }
      if (gen !== this.generation) return;
      this.iteration = it;
      this.deps.post({ type: 'step', iteration: it, epoch: order.epoch, nets: steps });
      if (it % s.evalEvery === 0) await this.evaluate();
      if (s.gradEvery > 0 && it % s.gradEvery === 0) await this.postGradients();
      await this.yieldNow();
    }
  }

  private async evaluate(): Promise<void> {
    const { data, norm, settings: s } = this;
    if (!data || !norm || !s) return;
    const nets = [];
    for (const t of this.nets) {
      if (t.diverged) continue;
      nets.push({
        key: t.key,
        trainError: await errorRate(this.tf, t.net, data.train, norm, s.evalCount),
        testError: await errorRate(this.tf, t.net, data.test, norm, s.evalCount),
      });
    }
    this.deps.post({ type: 'eval', iteration: this.iteration, nets });
  }

  private async postGradients(): Promise<void> {
    const { data, norm, settings: s } = this;
    if (!data || !norm || !s) return;
    // A fixed batch (the first images of the training set), so successive snapshots compare.
    const idx = Array.from({ length: Math.min(s.batchSize, data.train.count) }, (_, i) => i);
    const { x, y } = makeBatch(this.tf, data.train, idx, norm);
    try {
      const nets = [];
      for (const t of this.nets) if (!t.diverged) nets.push({ key: t.key, layers: await gradientNorms(this.tf, t.net, x, y) });
      this.deps.post({ type: 'gradients', iteration: this.iteration, nets });
    } finally {
      this.tf.dispose([x, y]);
    }
  }

  /** Gradient norms now: of the running nets, or (idle) of freshly initialised ones. */
  private async gradients(raw: LabSettings | undefined): Promise<void> {
    if (this.nets.length > 0 && this.state !== 'idle') {
      await this.postGradients();
      return;
    }
    const v = validateLabSettings(raw);
    if (!v.ok) {
      this.deps.post({ type: 'refused', message: v.message });
      return;
    }
    await this.ensureData();
    this.settings = v.settings;
    this.nets = buildTrainees(this.tf, v.settings);
    try {
      await this.postGradients();
    } finally {
      this.disposeNets();
      this.settings = null;
      this.setState('idle');
    }
  }
}
