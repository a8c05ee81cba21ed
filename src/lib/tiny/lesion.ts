/**
 * Deleting blocks from a trained net (Veit, Wilber & Belongie 2016, §4), on a tfjs LayersModel
 * loaded from the committed files. The forward pass walks the ArchSpec the net was built from
 * (one source of truth for which layers form a block) and calls the model's own layers by the
 * spec's layer names; a removed block is skipped whole: its output is its input. In a residual
 * block that is exactly "F removed, shortcut kept" (the block ends in ReLU(F(x) + x), and ReLU(x) = x
 * since x ≥ 0 after the previous block's ReLU); in a plain block the input passes on unchanged.
 * Only blocks whose input and output shapes agree can go (not the stride-2 blocks opening stages 2
 * and 3). tfjs is passed in; the same code runs in the tiny-nets worker, in Node tests and in
 * scripts/train-lesion.ts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../arch/analyze';
import type { ArchSpec, LayerSpec, Shape } from '../arch/types';
import { makeBatch, type Normalisation } from '../train/trainer';
import type { ImageSet } from '../train/fashion-mnist';
import { mulberry32, permutation, subSeed } from '../train/rng';
import type { Tf } from '../tf';

export interface RemovableBlock {
  /** The spec's block id, e.g. "stage1_block2". */
  readonly id: string;
  /** Short label, e.g. "1.2" (stage.block). */
  readonly label: string;
}

const sameShape = (a: Shape, b: Shape): boolean => a.h === b.h && a.w === b.w && a.c === b.c;

/** The residual (or plain) blocks whose input and output shapes agree, in order. */
export function removableBlocks(spec: ArchSpec, input: Shape): RemovableBlock[] {
  return analyze(spec, input)
    .blocks.filter((b) => (b.type === 'basic' || b.type === 'bottleneck') && sameShape(b.inShape, b.outShape))
    .map((b) => ({ id: b.id, label: `${b.stageIndex}.${b.blockIndex + 1}` }));
}

/** Checks that every removed id names a removable block of the spec (throws a readable message). */
export function checkRemoved(spec: ArchSpec, input: Shape, removed: readonly string[]): void {
  const ok = new Set(removableBlocks(spec, input).map((b) => b.id));
  for (const id of removed) if (!ok.has(id)) throw new Error(`${spec.name} has no removable block "${id}"`);
}

type Layer = tfjs.layers.Layer;

/**
 * The model layers that carry out one spec layer, in order, read from the model's own graph: the
 * layer of that name, preceded by any layers between it and the previous spec layer (the builder adds
 * a zero-padding layer before a padded stride-2 convolution, src/lib/arch/tfjs-model.ts).
 */
function layerChains(model: tfjs.LayersModel, spec: ArchSpec): Map<string, Layer[]> {
  const names = new Set(
    spec.stages.flatMap((s) => s.blocks.flatMap((b) => [...b.main, ...(b.shortcut?.layers ?? []), ...b.out].map((l) => l.name))),
  );
  const chains = new Map<string, Layer[]>();
  for (const name of names) {
    const chain = [model.getLayer(name)];
    for (;;) {
      const prev = chain[0]!.inboundNodes[0]?.inboundLayers;
      if (prev?.length !== 1) break;
      const p = prev[0]!;
      if (names.has(p.name) || p.getClassName() === 'InputLayer') break;
      chain.unshift(p);
    }
    chains.set(name, chain);
  }
  return chains;
}

const chainCache = new WeakMap<tfjs.LayersModel, { spec: ArchSpec; chains: Map<string, Layer[]> }>();

function chainsOf(model: tfjs.LayersModel, spec: ArchSpec): Map<string, Layer[]> {
  const hit = chainCache.get(model);
  if (hit?.spec === spec) return hit.chains;
  const chains = layerChains(model, spec);
  chainCache.set(model, { spec, chains });
  return chains;
}

/** The model's output with the named blocks removed (`removed` empty: the model's own forward pass). */
export function lesionedForward(
  tf: Tf,
  model: tfjs.LayersModel,
  spec: ArchSpec,
  x: tfjs.Tensor,
  removed: ReadonlySet<string>,
): tfjs.Tensor {
  const chains = chainsOf(model, spec);
  return tf.tidy(() => {
    const run = (layers: readonly LayerSpec[], h: tfjs.Tensor): tfjs.Tensor =>
      layers.reduce((t, l) => chains.get(l.name)!.reduce((u, layer) => layer.apply(u) as tfjs.Tensor, t), h);
    let h = x;
    for (const stage of spec.stages) {
      for (const block of stage.blocks) {
        if (removed.has(block.id)) continue;
        const main = run(block.main, h);
        if (!block.shortcut) {
          h = run(block.out, main);
          continue;
        }
        const [add, ...rest] = block.out;
        if (add?.kind !== 'add') throw new Error(`${block.id}: a residual block must close with an add`);
        const short = run(block.shortcut.layers, h);
        h = run(rest, model.getLayer(add.name).apply([main, short]) as tfjs.Tensor);
      }
    }
    return h;
  });
}

export interface LesionResult {
  readonly count: number;
  /** Wrong answers; an image whose output is not a number counts as wrong. */
  readonly errors: number;
  readonly error: number;
  /** Images whose output held a NaN or infinity (a deletion can make a net blow up). */
  readonly nonFinite: number;
}

export interface LesionOptions {
  readonly batch?: number;
  readonly signal?: AbortSignal;
  /** Called after each batch with the images done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Test error of the model over a set with the named blocks removed. */
export async function lesionError(
  tf: Tf,
  model: tfjs.LayersModel,
  spec: ArchSpec,
  set: ImageSet,
  norm: Normalisation,
  removed: readonly string[],
  opts: LesionOptions = {},
): Promise<LesionResult> {
  checkRemoved(spec, { h: set.rows, w: set.cols, c: 1 }, removed);
  const gone = new Set(removed);
  const batch = opts.batch ?? 250;
  let errors = 0;
  let nonFinite = 0;
  for (let s = 0; s < set.count; s += batch) {
    opts.signal?.throwIfAborted();
    const idx = Array.from({ length: Math.min(batch, set.count - s) }, (_, i) => s + i);
    const { x, y } = makeBatch(tf, set, idx, norm);
    const out = lesionedForward(tf, model, spec, x, gone);
    const probs = await out.data();
    tf.dispose([x, y, out]);
    const classes = probs.length / idx.length;
    for (let i = 0; i < idx.length; i++) {
      let best = 0;
      let finite = true;
      for (let c = 0; c < classes; c++) {
        const v = probs[i * classes + c]!;
        if (!Number.isFinite(v)) finite = false;
        if (v > probs[i * classes + best]!) best = c;
      }
      if (!finite) nonFinite++;
      if (!finite || best !== set.labels[s + i]) errors++;
    }
    opts.onProgress?.(s + idx.length, set.count);
  }
  return { count: set.count, errors, error: errors / set.count, nonFinite };
}

/** k distinct blocks drawn at random (seeded: the same seed and k give the same blocks), in net order. */
export function randomBlocks(blocks: readonly string[], k: number, seed: number): string[] {
  if (!Number.isInteger(k) || k < 0 || k > blocks.length) throw new RangeError(`k must be 0…${blocks.length}, got ${k}`);
  const p = permutation(mulberry32(subSeed(seed, `lesion-k${k}`)), blocks.length);
  return Array.from(p.slice(0, k))
    .sort((a, b) => a - b)
    .map((i) => blocks[i]!);
}
