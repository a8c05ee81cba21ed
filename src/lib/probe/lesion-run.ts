// The deletion experiments on one loaded model (Veit et al. 2016, §4.1): a classification with a set
// of blocks removed, "each block in turn" on one input, and over labelled inputs. Each single deletion
// starts from the intact pass's tensor at that block's input (the network before the block is
// unchanged), so "each block in turn" costs about half of 16 full passes. tfjs is passed in; every
// tensor is disposed before a function returns, also when it is aborted.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { rankOf, softmax, topK } from '../inference/scores';
import { throwIfAborted } from '../worker-rpc/abort';
import { yieldToEventLoop } from '../train/event-loop';
import type { ResidualBlock } from './blocks';
import type { ModelGraph } from './graph';
import { lesionedForward } from './lesion';
import type { BlockDeletion, LesionAnswer, LesionBlock, OriginalTop1 } from './lesion-types';

/** A loaded layers model with its graph and blocks (a ModelProbe has all three). */
export interface LesionTarget {
  readonly model: TF.LayersModel;
  readonly graph: ModelGraph;
  readonly blocks: readonly (ResidualBlock & { readonly name?: string })[];
  /** 'logits' when the model's output is not yet a softmax. */
  readonly output?: 'softmax' | 'logits';
}

export interface SweepOptions {
  signal?: AbortSignal;
  /** The intact probabilities, before any deletion runs. */
  onIntact?: (probs: Float32Array) => void;
  /** After each block's deletion: its index and the probabilities (valid only during the call). */
  onDeletion?: (block: number, probs: Float32Array) => void;
}

export function lesionBlocks(t: LesionTarget): LesionBlock[] {
  const seen = new Map<number, number>();
  return t.blocks.map((b, index) => {
    const inStage = (seen.get(b.stage) ?? 0) + 1;
    seen.set(b.stage, inStage);
    return { index, name: b.name ?? b.add, stage: b.stage, inStage, projection: b.projection };
  });
}

const isFinite32 = (p: Float32Array): boolean => p.every((x) => Number.isFinite(x));

/** Reads the output as probabilities and disposes it. */
async function readProbs(t: LesionTarget, out: TF.Tensor): Promise<Float32Array> {
  try {
    const raw = Float32Array.from((await out.data()) as Float32Array);
    return t.output === 'logits' ? softmax(raw) : raw;
  } finally {
    out.dispose();
  }
}

/** The probabilities with the blocks in `off` removed. */
export function lesionedProbs(tf: Tf, t: LesionTarget, off: readonly number[], input: TF.Tensor): Promise<Float32Array> {
  return readProbs(t, lesionedForward(tf, t.model, t.graph, t.blocks, off, input).output);
}

/** Follows the intact top-1 class into `probs`. */
function followTop1(intact: Float32Array, probs: Float32Array): OriginalTop1 {
  const [top] = topK(intact, 1);
  const classIndex = top!.index;
  const finite = isFinite32(probs);
  return { classIndex, intactProb: top!.p, prob: probs[classIndex] ?? Number.NaN, rank: finite ? rankOf(probs, classIndex) : null };
}

/** A lesioned classification: its top-5 and the intact top-1 followed (`intact`: the probabilities with no block off). */
export function lesionAnswer(t: LesionTarget, off: readonly number[], intact: Float32Array, probs: Float32Array): LesionAnswer {
  const finite = isFinite32(probs);
  return {
    off: [...new Set(off)].sort((a, b) => a - b),
    blocks: lesionBlocks(t),
    top5: finite ? topK(probs, 5) : [],
    finite,
    original: followTop1(intact, probs),
  };
}

/** One block's deletion, summarised against the intact top-1. */
export function blockDeletion(block: number, intact: Float32Array, probs: Float32Array): BlockDeletion {
  const o = followTop1(intact, probs);
  const finite = isFinite32(probs);
  return { block, finite, prob: o.prob, rank: o.rank, top1: finite ? topK(probs, 1)[0]!.index : null };
}

/**
 * Removes each block in turn: the intact probabilities, then each block's (through `onDeletion`).
 * Checks `signal` between passes; the block inputs it keeps are freed however it ends.
 */
export async function eachBlockInTurn(tf: Tf, t: LesionTarget, input: TF.Tensor, opts: SweepOptions = {}): Promise<Float32Array> {
  const inputs = t.blocks.map((b) => b.input);
  const intactPass = lesionedForward(tf, t.model, t.graph, t.blocks, [], input, { keep: [...new Set(inputs)] });
  try {
    const intact = await readProbs(t, intactPass.output);
    opts.onIntact?.(intact);
    for (let i = 0; i < t.blocks.length; i++) {
      await yieldToEventLoop(); // a cancel or a newer request gets in: awaiting data on wasm never yields
      throwIfAborted(opts.signal);
      const from = { layer: inputs[i]!, value: intactPass.kept.get(inputs[i]!)! };
      const probs = await readProbs(t, lesionedForward(tf, t.model, t.graph, t.blocks, [i], input, { from }).output);
      opts.onDeletion?.(i, probs);
    }
    await yieldToEventLoop(); // a cancel or a newer request gets in: awaiting data on wasm never yields
    throwIfAborted(opts.signal);
    return intact;
  } finally {
    for (const k of intactPass.kept.values()) k.dispose();
  }
}
