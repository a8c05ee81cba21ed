// The spec ↔ model map: every layer of an architecture spec (src/lib/arch, e.g. `resnet50-keras`)
// paired with the layer of a loaded model that computes it, found by walking the model's graph (stem
// chain, then each residual block's branch, shortcut, add and closing ReLU, then the head) and checked
// by kind and by output shape. The diagram shows the spec's shape beside the model's, so a mismatch
// is an error that says where, never a silent guess.
import type { AnalyzedModel, LayerInfo, LayerKind } from '../arch';
import { findResidualBlocks, type ResidualBlock } from './blocks';
import { PASS_THROUGH, nextLayer, shapeText, type GraphLayer, type ModelGraph } from './graph';

export interface SpecLayerMatch {
  /** The spec's layer id (Keras Applications naming, e.g. "conv2_block1_1_conv"). */
  readonly id: string;
  readonly kind: LayerKind;
  /** The spec's block it belongs to ("stem", "conv2_block1", …, "head"). */
  readonly block: string;
  /** Output shape by the spec: [H, W, C], or [C] after the global pool. */
  readonly specShape: readonly number[];
  /** The loaded model's layer and its output shape (batch dropped). */
  readonly modelLayer: string;
  readonly modelShape: readonly number[];
  /**
   * True when the spec layer is the model layer *before* its fused activation: the spec's
   * `predictions` (fc, the logits) is the converted model's Dense, whose softmax is the spec's `probs`.
   */
  readonly preActivation: boolean;
}

/** A residual block with the spec's name for it. */
export interface NamedBlock extends ResidualBlock {
  /** The spec's block id, e.g. "conv2_block1". */
  readonly name: string;
}

export interface SpecMap {
  readonly specId: string;
  /** In the spec's walk order. */
  readonly layers: readonly SpecLayerMatch[];
  readonly byId: ReadonlyMap<string, SpecLayerMatch>;
  readonly blocks: readonly NamedBlock[];
}

export class SpecMismatchError extends Error {
  override name = 'SpecMismatchError';
}

const NON_SPATIAL: ReadonlySet<LayerKind> = new Set(['global-avg-pool', 'flatten', 'fc', 'softmax']);

export const specShapeOf = (step: LayerInfo): number[] =>
  NON_SPATIAL.has(step.kind) ? [step.outShape.c] : [step.outShape.h, step.outShape.w, step.outShape.c];

/** Does a model layer compute this kind of step (its own output, not a fused activation)? */
function computes(kind: LayerKind, l: GraphLayer): boolean {
  switch (kind) {
    case 'conv':
      return l.className === 'Conv2D';
    case 'bn':
      return l.className === 'BatchNormalization';
    case 'relu':
      return l.className === 'ReLU' || (l.className === 'Activation' && l.activation === 'relu');
    case 'softmax':
      return l.className === 'Softmax' || (l.className === 'Activation' && l.activation === 'softmax');
    case 'maxpool':
      return l.className === 'MaxPooling2D';
    case 'global-avg-pool':
      return l.className === 'GlobalAveragePooling2D';
    case 'flatten':
      return l.className === 'Flatten';
    case 'fc':
      return l.className === 'Dense';
    case 'add':
      return l.className === 'Add';
    case 'pad-shortcut':
      return false;
  }
}

/** The activation a Conv2D or Dense applies itself, as the spec kind it stands for. */
function fusedKind(l: GraphLayer): LayerKind | null {
  if (l.className !== 'Conv2D' && l.className !== 'Dense') return null;
  return l.activation === 'relu' ? 'relu' : l.activation === 'softmax' ? 'softmax' : null;
}

/** Pairs spec steps with model layers in order; a layer's fused activation takes the next step too. */
function pairRun(g: ModelGraph, steps: readonly LayerInfo[], layers: readonly string[], where: string, block: string): SpecLayerMatch[] {
  const out: SpecLayerMatch[] = [];
  let j = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const name = layers[j];
    const l = name === undefined ? undefined : g.byName.get(name);
    if (!l || !computes(step.kind, l)) {
      throw new SpecMismatchError(
        `${where}: the spec's ${step.id} (${step.kind}) has no matching layer in the model (found ${l ? `${l.name}, a ${l.className}` : 'nothing'})`,
      );
    }
    const fused = fusedKind(l);
    const takesNext = fused !== null && steps[i + 1]?.kind === fused;
    const specShape = specShapeOf(step);
    if (shapeText(specShape) !== shapeText(l.shape)) {
      throw new SpecMismatchError(
        `${where}: the spec's ${step.id} gives ${shapeText(specShape)} but the model's ${l.name} gives ${shapeText(l.shape)}`,
      );
    }
    out.push({ id: step.id, kind: step.kind, block, specShape, modelLayer: l.name, modelShape: l.shape, preActivation: takesNext });
    if (takesNext) {
      const next = steps[++i]!;
      out.push({
        id: next.id,
        kind: next.kind,
        block,
        specShape: specShapeOf(next),
        modelLayer: l.name,
        modelShape: l.shape,
        preActivation: false,
      });
    }
    j++;
  }
  if (j !== layers.length) throw new SpecMismatchError(`${where}: the model has layers the spec does not: ${layers.slice(j).join(', ')}`);
  return out;
}

/** Layers from `from` (exclusive) forward while each has one consumer, up to `to` (inclusive) or the end. */
function chainForward(g: ModelGraph, from: string, to: string | null): string[] {
  const out: string[] = [];
  let cur = nextLayer(g, from);
  while (cur) {
    out.push(cur.name);
    if (cur.name === to) return out;
    cur = nextLayer(g, cur.name);
  }
  if (to !== null) throw new SpecMismatchError(`the model's layers after ${from} do not lead to ${to} in one chain`);
  return out;
}

/**
 * Maps every step of `analyzed` (a ResNet spec) to the loaded model's graph. Throws SpecMismatchError
 * naming the first disagreement: block count, a shortcut type, a stage, a layer's kind or its shape.
 */
export function mapSpecToModel(g: ModelGraph, analyzed: AnalyzedModel): SpecMap {
  const found = findResidualBlocks(g);
  const specBlocks = analyzed.blocks.filter((b) => b.shortcut !== null);
  const specName = analyzed.spec.name;
  if (found.length !== specBlocks.length) {
    throw new SpecMismatchError(`${specName} has ${specBlocks.length} residual blocks; the model's graph has ${found.length}`);
  }
  const blocks: NamedBlock[] = found.map((b, i) => {
    const s = specBlocks[i]!;
    const specStage = Number(/\d+/.exec(analyzed.stages[s.stageIndex]!.id)?.[0]);
    if ((s.shortcut === 'projection') !== b.projection) {
      throw new SpecMismatchError(
        `${s.id}: the spec's shortcut is ${s.shortcut}, the model's (into ${b.add}) is ${b.projection ? 'a projection' : 'the identity'}`,
      );
    }
    if (specStage !== b.stage) throw new SpecMismatchError(`${s.id}: stage ${specStage} in the spec, ${b.stage} from the model's graph`);
    if (i > 0 && found[i - 1]!.out !== b.input) {
      throw new SpecMismatchError(
        `${s.id}: its input in the model (${b.input}) is not the previous block's output (${String(found[i - 1]!.out)})`,
      );
    }
    return { ...b, name: s.id };
  });

  const layers: SpecLayerMatch[] = [];
  const input = g.inputs[0];
  if (input === undefined || blocks.length === 0) throw new SpecMismatchError(`the model has no input or no residual blocks`);
  for (const sb of analyzed.blocks) {
    const steps = analyzed.steps.slice(sb.first, sb.last + 1);
    if (sb.shortcut === null) {
      // The stem runs from the input to the first block's x; the head from the last block's output on.
      const first = sb.first === 0;
      const chain = first ? chainForward(g, input, blocks[0]!.input) : chainForward(g, blocks.at(-1)!.out ?? blocks.at(-1)!.add, null);
      layers.push(
        ...pairRun(
          g,
          steps,
          chain.filter((n) => !PASS_THROUGH.has(g.byName.get(n)!.className)),
          sb.id,
          sb.id,
        ),
      );
      continue;
    }
    const b = blocks.find((x) => x.name === sb.id)!;
    const main = steps.filter((s) => s.path === 'main');
    const short = steps.filter((s) => s.path === 'shortcut');
    const trunk = steps.filter((s) => s.path === 'trunk');
    layers.push(...pairRun(g, main, b.branch, `${sb.id} branch`, sb.id));
    layers.push(...pairRun(g, short, b.shortcut, `${sb.id} shortcut`, sb.id));
    layers.push(...pairRun(g, trunk, b.out === null ? [b.add] : [b.add, b.out], `${sb.id} add`, sb.id));
  }
  // Back in the spec's walk order (the block loop above follows it already; this keeps it explicit).
  const order = new Map(analyzed.steps.map((s, i) => [s.id, i]));
  layers.sort((x, y) => order.get(x.id)! - order.get(y.id)!);
  return { specId: analyzed.spec.id, layers, byId: new Map(layers.map((l) => [l.id, l])), blocks };
}
