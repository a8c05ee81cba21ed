// The block-deletion figure's words from its numbers, and its URL state.
import { describe, expect, it } from 'vitest';
import {
  stageBlocks,
  gallerySentence,
  lesionBlockLabel,
  LESION_URL,
  ordinal,
  probText,
  sweepSentence,
} from '../../src/lib/probe/lesion-text';
import type { BlockDeletion, LesionBlock } from '../../src/lib/probe/lesion-types';

const STAGES = [3, 4, 6, 3];
const BLOCKS: LesionBlock[] = STAGES.flatMap((n, s) =>
  Array.from({ length: n }, (_, j) => ({
    index: 0,
    name: `conv${s + 2}_block${j + 1}`,
    stage: s + 2,
    inStage: j + 1,
    projection: j === 0,
  })),
).map((b, index) => ({ ...b, index }));
const ESPRESSO = 967;
const CUP = 968;
const original = { classIndex: ESPRESSO, intactProb: 0.979, prob: 0.979, rank: 1 };
const del = (block: number, prob: number, rank: number | null = 1, top1: number | null = ESPRESSO): BlockDeletion => ({
  block,
  finite: Number.isFinite(prob),
  prob,
  rank,
  top1,
});

describe('labels and numbers', () => {
  it('names blocks by stage and place, projections said', () => {
    expect(lesionBlockLabel(BLOCKS[0]!)).toBe('stage 2 block 1 (projection)');
    expect(lesionBlockLabel(BLOCKS[8]!)).toBe('stage 4 block 2');
    expect(BLOCKS).toHaveLength(16);
    expect(stageBlocks([3, 4, 6, 3])).toEqual(BLOCKS);
  });
  it('prints probabilities and ranks', () => {
    expect(probText(0.366)).toBe('36.6%');
    expect(probText(Number.NaN)).toBe('not a number');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});

describe('the sentence under "each block in turn"', () => {
  it('every deletion keeps the top-1: says so and names the costliest', () => {
    const ds = BLOCKS.map((b) => del(b.index, b.index === 3 ? 0.366 : 0.9));
    expect(sweepSentence(BLOCKS, original, ds)).toBe(
      'With any one of the 16 blocks removed, espresso stays the top-1. Removing stage 3 block 1 (projection) costs it the most: its probability falls from 97.9% to 36.6%.',
    );
  });
  it('counts the deletions that keep it, and says what replaces it elsewhere', () => {
    const ds = BLOCKS.map((b) => (b.index === 0 ? del(0, 0.2, 2, CUP) : b.index === 13 ? del(13, 0.1, 4, CUP) : del(b.index, 0.8)));
    expect(sweepSentence(BLOCKS, original, ds)).toBe(
      'With 14 of the 16 blocks removed one at a time, espresso stays the top-1. Removing stage 5 block 1 (projection) costs it the most: its probability falls from 97.9% to 10.0% (4th place). Removing stage 2 block 1 (projection) makes cup the top-1; removing stage 5 block 1 (projection) makes cup the top-1.',
    );
    const one = BLOCKS.map((b) => (b.index === 0 ? del(0, 0.2, 2, CUP) : del(b.index, 0.8)));
    expect(sweepSentence(BLOCKS, original, one)).toContain('Removing stage 2 block 1 (projection) makes cup the top-1.');
  });
  it('a deletion whose output is not a number is a result, counted as such', () => {
    const ds = BLOCKS.map((b) => (b.index === 5 ? del(5, Number.NaN, null, null) : del(b.index, 0.9)));
    const s = sweepSentence(BLOCKS, original, ds);
    expect(s).toContain('With 15 of the 16 blocks removed one at a time, espresso stays the top-1.');
    expect(s).toContain('With 1 of the 16 blocks removed the output is not a number.');
  });
});

describe('the sentence over the labelled photos', () => {
  const base = { blocks: BLOCKS, total: 5, done: 5, intactKept: 5 };
  it('all deletions keep every photo', () => {
    expect(gallerySentence(BLOCKS, { ...base, kept: Array(16).fill(5) })).toBe(
      'With every block in place, five of the five labelled photos have their true class in the top-5. Every one of the 16 single deletions keeps that many.',
    );
  });
  it('names the worst deletions', () => {
    const kept = Array(16).fill(5);
    kept[0] = 2;
    kept[13] = 2;
    kept[4] = 4;
    expect(gallerySentence(BLOCKS, { ...base, kept })).toBe(
      'With every block in place, five of the five labelled photos have their true class in the top-5. 13 of the 16 single deletions keep that many; the worst, removing stage 2 block 1 (projection) or stage 5 block 1 (projection), leaves two.',
    );
  });
});

describe('the URL state', () => {
  it('reads and writes lesion.off and lesion.photo, dropping what does not parse', () => {
    expect(LESION_URL.read('?lesion.off=3,7,x,3&lesion.photo=coffee')).toEqual({ off: [3, 7], photo: 'coffee' });
    expect(LESION_URL.read('?lesion.off=')).toEqual({ off: [], photo: '' });
    const href = LESION_URL.href({ off: [1, 4], photo: '' }, 'https://x.test/why-residual/?a=1#fig');
    expect(new URL(href).searchParams.get('lesion.off')).toBe('1,4');
    expect(new URL(href).searchParams.get('a')).toBe('1');
    expect(new URL(LESION_URL.href({ off: [], photo: '' }, href)).searchParams.has('lesion.off')).toBe(false);
  });
});
