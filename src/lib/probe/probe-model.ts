// One loaded layers model prepared for probing: its graph, its residual blocks, the spec ↔ model map
// (when the weights belong to a registered architecture) and the intermediate models the probes use.
//
// Intermediate models (tf.model over the loaded model's own symbolic tensors) share the loaded
// model's layers and weights and own no tensors; disposing one would count the shared layers down and
// free the full model's weights (see layer-activations.ts). They are kept in `subModels` and only ever
// dropped, never disposed.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { analyze, getModel } from '../arch';
import { findResidualBlocks, type ResidualBlock } from './blocks';
import { readGraph, type GraphLayer, type ModelGraph } from './graph';
import { mapSpecToModel, type SpecMap } from './spec-map';

export interface NamedResidualBlock extends ResidualBlock {
  /** The spec's block id ("conv2_block1") when mapped, else the model's Add layer name. */
  readonly name: string;
}

/** A layer asked for by the spec's id or the model's own name, resolved to the model. */
export interface ResolvedLayer {
  /** The name asked for. */
  readonly name: string;
  readonly modelLayer: GraphLayer;
  /** The spec layer is the model layer's input to its fused activation (the logits of a softmax Dense). */
  readonly preActivation: boolean;
}

export class ModelProbe {
  readonly graph: ModelGraph;
  /** null when the model has no registered architecture or does not match it (`mapError` says why). */
  readonly map: SpecMap | null;
  readonly mapError: string | null;
  readonly blocks: readonly NamedResidualBlock[];
  private readonly subModels: Map<string, TF.LayersModel>;

  constructor(
    private readonly tf: Tf,
    readonly model: TF.LayersModel,
    archId?: string,
    subModels: Map<string, TF.LayersModel> = new Map(),
  ) {
    this.subModels = subModels;
    this.graph = readGraph(model);
    let map: SpecMap | null = null;
    let mapError: string | null = archId ? null : 'the model names no architecture';
    if (archId) {
      try {
        map = mapSpecToModel(this.graph, analyze(getModel(archId)));
      } catch (err) {
        mapError = err instanceof Error ? err.message : String(err);
      }
    }
    this.map = map;
    this.mapError = mapError;
    this.blocks = map ? map.blocks : findResidualBlocks(this.graph).map((b) => ({ ...b, name: b.add }));
  }

  /** A spec id (through the map) or a model layer name; throws with a message when neither. */
  resolve(name: string): ResolvedLayer {
    const m = this.map?.byId.get(name);
    if (m) return { name, modelLayer: this.graph.byName.get(m.modelLayer)!, preActivation: m.preActivation };
    const own = this.graph.byName.get(name);
    if (own && own.className !== 'InputLayer') return { name, modelLayer: own, preActivation: false };
    throw new Error(`the model has no layer "${name}"${this.map ? '' : ` (${this.mapError ?? 'no spec map'})`}`);
  }

  block(name: string): NamedResidualBlock {
    const b = this.blocks.find((x) => x.name === name);
    if (!b) {
      const known = this.blocks.length ? `: ${this.blocks[0]!.name} … ${this.blocks.at(-1)!.name}` : '';
      throw new Error(`the model has no residual block "${name}" (it has ${this.blocks.length}${known})`);
    }
    return b;
  }

  /** An intermediate model from the input to these layers' outputs, built once per list. */
  sub(layers: readonly string[]): TF.LayersModel {
    const key = `probe:${layers.join(',')}`;
    let sub = this.subModels.get(key);
    if (!sub) {
      const outputs = layers.map((n) => this.model.getLayer(n).output as TF.SymbolicTensor);
      sub = this.tf.model({ inputs: this.model.inputs, outputs });
      this.subModels.set(key, sub);
    }
    return sub;
  }

  /** Runs `input` to these layers; the caller disposes the returned tensors. */
  run(layers: readonly string[], input: TF.Tensor4D): TF.Tensor[] {
    const y = this.sub(layers).predict(input) as TF.Tensor | TF.Tensor[];
    return Array.isArray(y) ? y : [y];
  }

  /** A Dense layer's kernel [in, out] and bias [out] (the layer's own variables: never dispose). */
  denseWeights(name: string): { kernel: TF.Tensor2D; bias: TF.Tensor1D | null } {
    const layer = this.model.getLayer(name);
    const [kernel, bias] = layer.getWeights();
    if (!kernel || kernel.rank !== 2) throw new Error(`${name} is not a Dense layer with a [in, out] kernel`);
    return { kernel: kernel as TF.Tensor2D, bias: (bias as TF.Tensor1D | undefined) ?? null };
  }
}
