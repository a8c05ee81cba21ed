/**
 * The block-deletion run on the project's own nets (Veit et al. 2016, §4; `npm run train:lesion`,
 * scripts/train-lesion.ts): test errors of the plain-20 and the ResNet-20 on the 2,000-image
 * Fashion-MNIST test subset, intact, with each removable block removed, and with k random blocks
 * removed over several seeds. Beside it, the plain-20's own training record (`npm run train:tiny`
 * with `TINY_ONLY=tiny-plain20`, scripts/train-tiny.mjs), kept apart from tiny-nets.json, whose two nets
 * the TinyNets figure shows. Integration tests reproduce both from the committed weights.
 */
import raw from './tiny-lesion.json';
import plainRaw from './tiny-plain20.json';
import type { TinyNet, TinyNets } from './tiny-nets';

export type LesionNetKey = 'tiny-plain20' | 'tiny-resnet20';

export interface LesionBlockResult {
  /** The spec's block id, e.g. "stage1_block2". */
  readonly id: string;
  /** "stage.block", e.g. "1.2". */
  readonly label: string;
  /** Wrong answers on the test subset with this block removed (a non-finite output counts as wrong). */
  readonly errors: number;
}

export interface LesionRandom {
  readonly k: number;
  /** Wrong answers with k random blocks removed, one per seed (`TinyLesion.seeds`). */
  readonly errors: readonly number[];
}

export interface LesionNet {
  readonly id: LesionNetKey;
  readonly name: string;
  readonly specId: string;
  /** Wall-clock seconds of this net's measurements. */
  readonly seconds: number;
  readonly intactErrors: number;
  readonly blocks: readonly LesionBlockResult[];
  /** k = 0, 1, …, blocks.length. */
  readonly random: readonly LesionRandom[];
}

export interface TinyLesion {
  readonly version: 1;
  readonly generatedBy: string;
  readonly date: string;
  readonly dataset: {
    readonly name: string;
    readonly testImages: number;
    readonly normalisation: { readonly mean: number; readonly std: number };
  };
  readonly seeds: readonly number[];
  readonly backend: { readonly name: string; readonly threads: number };
  readonly machine: { readonly cpu: string; readonly cores: number };
  /** Wall-clock seconds of the whole run (the nets' seconds summed). */
  readonly seconds: number;
  /** The plain-20 first, then the ResNet-20. */
  readonly nets: readonly LesionNet[];
}

/** Checks the shape and invariants (throws with the first problem). */
export function checkTinyLesion(x: unknown): TinyLesion {
  const t = x as TinyLesion;
  const fail = (m: string): never => {
    throw new Error(`tiny-lesion.json: ${m}`);
  };
  if (typeof t !== 'object' || t === null || t.version !== 1) fail('version must be 1');
  const n = t.dataset.testImages;
  if (!(n > 0)) fail('testImages must be positive');
  if (t.seeds.length < 2) fail('at least two seeds');
  if (t.nets.map((m) => m.id).join(',') !== 'tiny-plain20,tiny-resnet20') fail('nets must be tiny-plain20, tiny-resnet20');
  const count = (c: number, what: string): void => {
    if (!Number.isInteger(c) || c < 0 || c > n) fail(`${what}: ${c} is not a count of 0…${n} errors`);
  };
  const blockIds = t.nets[0]!.blocks.map((b) => b.id).join(',');
  for (const m of t.nets) {
    count(m.intactErrors, `${m.id} intact`);
    if (m.blocks.length < 2) fail(`${m.id}: at least two removable blocks`);
    if (m.blocks.map((b) => b.id).join(',') !== blockIds) fail(`${m.id}: the nets must have the same removable blocks`);
    for (const b of m.blocks) count(b.errors, `${m.id} ${b.id}`);
    if (
      m.random.map((r) => r.k).join(',') !==
      m.blocks
        .map((_, i) => i)
        .concat(m.blocks.length)
        .join(',')
    )
      fail(`${m.id}: k must run 0…${m.blocks.length}`);
    const single = new Set(m.blocks.map((b) => b.errors));
    for (const r of m.random) {
      if (r.errors.length !== t.seeds.length) fail(`${m.id} k=${r.k}: one result per seed`);
      for (const e of r.errors) count(e, `${m.id} k=${r.k}`);
    }
    if (m.random[0]!.errors.some((e) => e !== m.intactErrors)) fail(`${m.id}: k=0 must be the intact net`);
    if (m.random[1]!.errors.some((e) => !single.has(e))) fail(`${m.id}: k=1 must be one of the single deletions`);
    const all = m.random[m.blocks.length]!.errors;
    if (all.some((e) => e !== all[0])) fail(`${m.id}: every seed removes the same blocks at k=${m.blocks.length}`);
  }
  return t;
}

/** The plain-20's training record: the same fields as tiny-nets.json's nets, with its own id. */
export interface TinyPlain20 extends Omit<TinyNets, 'nets'> {
  readonly nets: readonly (Omit<TinyNet, 'id'> & { readonly id: 'tiny-plain20' })[];
}

/** Checks the plain-20's record (one net, its confusion matrix consistent with its error). */
export function checkTinyPlain20(x: unknown): TinyPlain20 {
  const t = x as TinyPlain20;
  const fail = (m: string): never => {
    throw new Error(`tiny-plain20.json: ${m}`);
  };
  if (typeof t !== 'object' || t === null || t.version !== 1) fail('version must be 1');
  if (t.nets.length !== 1 || t.nets[0]!.id !== 'tiny-plain20') fail('one net, tiny-plain20');
  const p = t.nets[0]!;
  const total = p.confusion.flat().reduce((a, b) => a + b, 0);
  const right = p.confusion.reduce((a, r, i) => a + (r[i] ?? 0), 0);
  if (total !== p.testCount || total - right !== p.testErrors) fail('confusion matrix and testErrors disagree');
  if (Math.abs(p.testError - p.testErrors / p.testCount) > 1e-5) fail('testError');
  if (p.bytes > 2.2 * 2 ** 20) fail(`${p.bytes} bytes is over the 2 MB budget`);
  return t;
}

export const TINY_LESION: TinyLesion = checkTinyLesion(raw);
export const TINY_PLAIN20: TinyPlain20 = checkTinyPlain20(plainRaw);
