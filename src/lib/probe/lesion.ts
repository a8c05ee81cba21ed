// Deleting residual blocks from a trained network at test time (Veit, Wilber and Belongie 2016, §4):
// the loaded model's own layers are called one by one in graph order, and a block that is "off" skips
// its residual branch F: its Add passes on the shortcut alone (the identity x, or the 1×1 projection
// conv + BN of a block that changes shape), and the block's closing ReLU then runs on that. The blocks
// come from the graph (blocks.ts), never from layer names. tfjs is passed in; every intermediate
// tensor is disposed as soon as its last consumer has run.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import type { ResidualBlock } from './blocks';
import type { ModelGraph } from './graph';

export interface LesionForwardOptions {
  /** Start from a known tensor (a cut of the graph, such as a block's input) instead of the model input. */
  from?: { layer: string; value: TF.Tensor };
  /** Layers whose outputs are returned too (the caller disposes them). */
  keep?: readonly string[];
}

export interface LesionForward {
  /** The model's output (the caller disposes it). */
  output: TF.Tensor;
  kept: Map<string, TF.Tensor>;
}

/** The layers a lesion skips and the Adds that pass their shortcut on alone. */
function lesionPlan(blocks: readonly ResidualBlock[], off: readonly number[]): { skip: Set<string>; passOn: Map<string, string> } {
  const skip = new Set<string>();
  const passOn = new Map<string, string>();
  for (const i of off) {
    const b = blocks[i];
    if (!b) throw new RangeError(`there is no block ${i} (the model has ${blocks.length} residual blocks)`);
    for (const l of b.branch) skip.add(l);
    passOn.set(b.add, b.shortcutEnd);
  }
  return { skip, passOn };
}

/**
 * The model's forward pass with the blocks in `off` (indices into `blocks`) deleted. With no block
 * off it calls exactly the layers model.predict calls, in the same order, so it gives the same output.
 */
export function lesionedForward(
  tf: Tf,
  model: TF.LayersModel,
  g: ModelGraph,
  blocks: readonly ResidualBlock[],
  off: readonly number[],
  input: TF.Tensor,
  opts: LesionForwardOptions = {},
): LesionForward {
  if (g.outputs.length !== 1 || g.inputs.length !== 1) throw new Error('deleting blocks needs a model with one input and one output');
  const { skip, passOn } = lesionPlan(blocks, off);
  const order = g.layers;
  const start = opts.from ? order.findIndex((l) => l.name === opts.from!.layer) : -1;
  if (opts.from && start < 0) throw new Error(`the model has no layer "${opts.from.layer}"`);
  const readsOf = (name: string): readonly string[] => {
    const via = passOn.get(name);
    return via ? [via] : g.byName.get(name)!.inbound;
  };
  // How many later layers read each output; kept and final outputs are never freed here.
  const uses = new Map<string, number>();
  const computed = new Set<string>(opts.from ? [opts.from.layer] : g.inputs);
  for (let i = start + 1; i < order.length; i++) {
    const l = order[i]!;
    if (skip.has(l.name) || l.className === 'InputLayer') continue;
    for (const r of readsOf(l.name)) {
      if (!computed.has(r)) throw new Error(`${opts.from?.layer ?? 'the input'} is not a cut of the graph: ${l.name} reads ${r}`);
      uses.set(r, (uses.get(r) ?? 0) + 1);
    }
    computed.add(l.name);
  }
  const pinned = new Set([...(opts.keep ?? []), ...g.outputs]);
  for (const k of pinned) if (!computed.has(k)) throw new Error(`the layer "${k}" is not computed from ${opts.from?.layer ?? 'the input'}`);

  const values = new Map<string, TF.Tensor>();
  /** Tensors the caller owns: never disposed here. */
  const borrowed = new Set<TF.Tensor>();
  const seed = opts.from ? opts.from : { layer: g.inputs[0]!, value: input };
  values.set(seed.layer, seed.value);
  borrowed.add(seed.value);
  const release = (name: string) => {
    const left = (uses.get(name) ?? 0) - 1;
    uses.set(name, left);
    if (left > 0 || pinned.has(name)) return;
    const t = values.get(name);
    values.delete(name);
    if (t && !borrowed.has(t)) t.dispose();
  };
  try {
    for (let i = start + 1; i < order.length; i++) {
      const l = order[i]!;
      if (skip.has(l.name) || l.className === 'InputLayer') continue;
      const reads = readsOf(l.name);
      const ins = reads.map((r) => values.get(r)!);
      const y = passOn.has(l.name)
        ? tf.clone(ins[0]!)
        : tf.tidy(() => model.getLayer(l.name).apply(ins.length === 1 ? ins[0]! : ins) as TF.Tensor);
      values.set(l.name, y);
      for (const r of reads) release(r);
    }
    const kept = new Map<string, TF.Tensor>();
    for (const k of opts.keep ?? []) {
      const t = values.get(k)!;
      // A kept tensor the caller passed in comes back as a copy the caller may dispose.
      kept.set(k, borrowed.has(t) ? tf.clone(t) : t);
    }
    const out = values.get(g.outputs[0]!)!;
    // Outputs nobody reads (a dead end of the graph) go too.
    for (const [name, t] of values) if (!pinned.has(name) && !borrowed.has(t)) t.dispose();
    return { output: borrowed.has(out) ? tf.clone(out) : out, kept };
  } catch (err) {
    for (const t of values.values()) if (!borrowed.has(t)) t.dispose();
    throw err;
  }
}
