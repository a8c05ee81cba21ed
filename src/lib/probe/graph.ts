// A loaded Keras model's layer graph as plain data: each layer's class, inbound layers, consumers and
// output shape. The block finder and the spec map read only this, so they are testable without tfjs
// and never depend on layer names (the converted ResNet-50 uses Keras 2.2 names: res2a_branch2a,
// activation_3, add_15, fc1000; the spec uses today's conv2_block1_1_conv … predictions).
import type * as TF from '@tensorflow/tfjs';

export interface GraphLayer {
  readonly name: string;
  /** Keras class name: Conv2D, BatchNormalization, Activation, Add, Dense… */
  readonly className: string;
  /** Names of the layers feeding this one, in call order (Add: both operands). */
  readonly inbound: readonly string[];
  /** Output shape without the batch axis: [H, W, C] or [N]. */
  readonly shape: readonly number[];
  /** The `activation` config of Activation, Dense and Conv2D layers ('relu', 'softmax', 'linear'). */
  readonly activation?: string;
}

export interface ModelGraph {
  /** Layers in the model's (topological) order. */
  readonly layers: readonly GraphLayer[];
  readonly byName: ReadonlyMap<string, GraphLayer>;
  /** Names of the layers each layer feeds. */
  readonly consumers: ReadonlyMap<string, readonly string[]>;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * Layers that only re-pad their input (Keras puts ZeroPadding2D before its 'valid' stride-2 conv and
 * pool). The spec folds that padding into the conv or pool, so walks step through these layers.
 */
export const PASS_THROUGH: ReadonlySet<string> = new Set(['ZeroPadding2D']);

export function graphOf(layers: readonly GraphLayer[], inputs: readonly string[], outputs: readonly string[]): ModelGraph {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const consumers = new Map<string, string[]>(layers.map((l) => [l.name, []]));
  for (const l of layers) for (const i of l.inbound) consumers.get(i)?.push(l.name);
  return { layers, byName, consumers, inputs, outputs };
}

/** The graph of a tfjs layers model, read from its first inbound node per layer (a model built once). */
export function readGraph(model: TF.LayersModel): ModelGraph {
  const layers: GraphLayer[] = model.layers.map((layer) => {
    const node = layer.inboundNodes[0];
    const out = layer.outputShape;
    const dims = (Array.isArray(out[0]) ? out[0] : out) as (number | null)[];
    const activation = (layer.getConfig() as { activation?: unknown }).activation;
    return {
      name: layer.name,
      className: layer.getClassName(),
      inbound: node ? node.inboundLayers.map((l) => l.name) : [],
      shape: dims.slice(1).map((d) => d ?? -1),
      ...(typeof activation === 'string' ? { activation } : {}),
    };
  });
  return graphOf(
    layers,
    model.inputLayers.map((l) => l.name),
    model.outputLayers.map((l) => l.name),
  );
}

/** The one consumer of a layer, stepping through pass-through layers; null when it has 0 or several. */
export function nextLayer(g: ModelGraph, name: string): GraphLayer | null {
  const next = g.consumers.get(name) ?? [];
  if (next.length !== 1) return null;
  const l = g.byName.get(next[0]!)!;
  return PASS_THROUGH.has(l.className) ? nextLayer(g, l.name) : l;
}

export const shapeText = (s: readonly number[]): string => `[${s.join(', ')}]`;
