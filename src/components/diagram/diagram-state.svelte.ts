// The network diagram's state and actions, apart from any markup: which network, which step, the
// expanded blocks, play and speed, compare mode, what the pointer is over, and the sentence read to
// screen readers. The island draws and wires; the timer of the play loop lives there (effects do not
// run in Node), calling `advance()` once per `interval`. Unit-tested in Node.
import { analyze, getModel, type AnalyzedModel } from '../../lib/arch';
import { isCollapsible } from '../../lib/diagram/glyph-sizes';
import { layoutFlow, type FlowLayout } from '../../lib/diagram/flow-layout';
import type { StackMetric, StackSegment } from '../../lib/diagram/stack-layout';
import { blockFacts, layerFacts, stepAnnouncement, whereIs, type Fact } from '../../lib/diagram/facts';
import { diagramUrl, readDiagramView } from '../../lib/diagram/view';
import { earlyOneOf, type EarlySettings } from '../../lib/early-clicks';

export const DEFAULT_MODELS = ['vgg11', 'vgg13', 'vgg16', 'vgg19', 'resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'plain34'];
export const COMPARE = ['vgg16', 'resnet50'] as const;
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** Time per step at 1× speed, ms. */
const BASE_INTERVAL = 800;

/** What the facts panel describes when the pointer is over something. */
export type Hovered = { model: AnalyzedModel; step: number } | { model: AnalyzedModel; block: number };

export interface Panel {
  readonly title: string;
  readonly facts: readonly Fact[];
  /** True when it describes what the pointer is over rather than the current step. */
  readonly pointing: boolean;
}

const stepsOf = (id: string): number => analyze(getModel(id)).steps.length;

export class DiagramState {
  modelId = $state('');
  step = $state(0);
  expanded = $state<ReadonlySet<number>>(new Set());
  playing = $state(false);
  speed = $state<number>(1);
  compare = $state(false);
  metric = $state<StackMetric>('macs');
  hovered = $state<Hovered | null>(null);
  announcement = $state('');
  /** Whether the reader has touched the diagram (only then does the URL follow it). */
  interacted = $state(false);

  readonly model = $derived(analyze(getModel(this.modelId)));
  readonly layout: FlowLayout = $derived(layoutFlow(this.model, this.expanded));
  readonly last = $derived(this.model.steps.length - 1);
  readonly current = $derived(this.model.steps[Math.min(this.step, this.last)]!);
  readonly interval = $derived(BASE_INTERVAL / this.speed);
  readonly residualCount = $derived(this.model.blocks.filter(isCollapsible).length);
  readonly panel: Panel = $derived.by(() => this.describe());

  readonly #models: readonly string[];
  readonly #fallback: string;

  constructor(model: string, models: readonly string[] = DEFAULT_MODELS) {
    this.modelId = model;
    this.#models = models;
    this.#fallback = model;
  }

  /** Takes the network and step from a shared link. */
  readUrl(search: string): void {
    const v = readDiagramView(search, this.#models, this.#fallback, stepsOf);
    this.modelId = v.model;
    this.step = v.step;
  }

  /**
   * The network and speed chosen before the island hydrated (src/lib/early-clicks.ts: `model`,
   * `speed`), the network over the link's; a value the menus do not offer is ignored.
   */
  applyEarly(kept: EarlySettings): void {
    const id = earlyOneOf(kept.model, this.#models);
    if (id !== undefined && id !== this.modelId) this.chooseModel(id);
    this.speed = earlyOneOf(kept.speed, SPEEDS) ?? this.speed;
  }

  /** `href` with the shown network and step written in. */
  urlHref(href: string): string {
    return diagramUrl(this.#models, this.#fallback).href({ model: this.modelId, step: this.step }, href);
  }

  goTo(s: number, announce = true): void {
    this.interacted = true;
    this.step = Math.max(0, Math.min(this.last, s));
    if (announce && !this.playing) this.announcement = stepAnnouncement(this.model, this.step);
  }

  /** Stops playing and goes to step `s` (the transport's buttons and keys). */
  jump(s: number): void {
    this.playing = false;
    this.goTo(s);
  }

  /** A glyph was clicked: a block also opens or closes. */
  pick(s: number, block: number | null): void {
    if (block !== null) this.toggle(block);
    this.jump(s);
  }

  toggle(block: number): void {
    const b = this.model.blocks[block];
    if (!b || !isCollapsible(b)) return;
    this.interacted = true;
    const next = new Set(this.expanded);
    if (next.has(block)) next.delete(block);
    else next.add(block);
    this.expanded = next;
    this.announcement = `${b.name} ${next.has(block) ? 'expanded' : 'collapsed'}.`;
  }

  setAll(open: boolean): void {
    this.interacted = true;
    this.expanded = open ? new Set(this.model.blocks.flatMap((b, i) => (isCollapsible(b) ? [i] : []))) : new Set();
    this.announcement = open ? 'All blocks expanded.' : 'All blocks collapsed.';
  }

  togglePlay(): void {
    this.interacted = true;
    if (this.playing) {
      this.playing = false;
      this.announcement = `Paused. ${stepAnnouncement(this.model, this.step)}`;
      return;
    }
    if (this.step >= this.last) this.step = 0;
    this.playing = true;
    this.announcement = 'Playing.';
  }

  /** One tick of the play loop: the next step, or stop at the end. */
  advance(): void {
    if (this.step >= this.last) {
      this.playing = false;
      this.announcement = `Reached the end. ${stepAnnouncement(this.model, this.last)}`;
    } else {
      this.step += 1;
    }
  }

  chooseModel(id: string): void {
    this.interacted = true;
    this.playing = false;
    this.hovered = null;
    this.expanded = new Set();
    this.modelId = id;
    this.step = 0;
    this.announcement = `${getModel(id).name}: ${stepsOf(id)} layers. ${stepAnnouncement(analyze(getModel(id)), 0)}`;
  }

  setCompare(on: boolean): void {
    this.compare = on;
    this.playing = false;
    this.hovered = null;
  }

  /** The pointer over a segment of the compare view (a single layer or a whole block). */
  hoverSegment(m: AnalyzedModel, seg: StackSegment | null): void {
    if (!seg) this.hovered = null;
    else if (seg.first === seg.last) this.hovered = { model: m, step: seg.first };
    else this.hovered = { model: m, block: m.blocks.findIndex((b) => b.first === seg.first) };
  }

  /** A key pressed in the drawing; false when it is not one of the diagram's keys. */
  key(key: string): boolean {
    switch (key) {
      case 'ArrowRight':
        this.jump(this.step + 1);
        break;
      case 'ArrowLeft':
        this.jump(this.step - 1);
        break;
      case 'Home':
        this.jump(0);
        break;
      case 'End':
        this.jump(this.last);
        break;
      case ' ':
        this.togglePlay();
        break;
      case 'Enter':
        this.toggle(this.current.blockGlobalIndex);
        break;
      default:
        return false;
    }
    return true;
  }

  private describe(): Panel {
    const h = this.hovered;
    if (h) {
      const m = h.model;
      if ('block' in h) return { title: `${m.spec.name} · ${m.blocks[h.block]!.name}`, facts: blockFacts(m, h.block), pointing: true };
      const s = m.steps[h.step]!;
      return { title: `${m.spec.name} · ${s.id} (${whereIs(m, s)})`, facts: layerFacts(m, h.step), pointing: true };
    }
    if (this.compare) return { title: 'Point at a layer or block in either column to see its numbers.', facts: [], pointing: true };
    return {
      title: `Step ${this.step + 1} of ${this.last + 1} · ${this.current.id} (${whereIs(this.model, this.current)})`,
      facts: layerFacts(this.model, this.step),
      pointing: false,
    };
  }
}
