// The block-deletion charts' bars from the answers: labels, values, notes and titles; empty slots for
// deletions still being computed; NaN kept as a value (the chart writes "NaN").
import { describe, expect, it } from 'vitest';
import { galleryBars, sweepBars } from '../../src/components/lesion/lesion-bars';
import { stageBlocks } from '../../src/lib/probe/lesion-text';

const BLOCKS = stageBlocks([3, 4, 6, 3]);
const ESPRESSO = 967;
const original = { classIndex: ESPRESSO, intactProb: 0.98, prob: 0.98, rank: 1 };

describe('the bars of the block-deletion charts', () => {
  it('each block in turn: computed bars carry the probability and rank, the rest wait', () => {
    const sweep = {
      photo: 'p',
      original: null,
      done: false,
      deletions: [
        { block: 0, finite: true, prob: 0.8, rank: 1, top1: ESPRESSO },
        { block: 3, finite: false, prob: Number.NaN, rank: null, top1: null },
      ],
    };
    const bars = sweepBars(BLOCKS, sweep, original);
    expect(bars).toHaveLength(16);
    expect(bars[0]).toEqual({
      short: '2.1',
      label: 'stage 2 block 1 (projection)',
      projection: true,
      value: 0.8,
      note: '1',
      title: 'stage 2 block 1 (projection) removed: espresso 80.0%, 1st',
    });
    expect(bars[3]).toMatchObject({
      value: Number.NaN,
      note: '',
      title: 'stage 3 block 1 (projection) removed: the output is not a number',
    });
    expect(bars[1]).toMatchObject({ value: null, title: 'stage 2 block 2: not computed yet' });
  });

  it('over the labelled photos: counts per block once a photo is done', () => {
    const g = { blocks: BLOCKS, total: 5, done: 2, intactKept: 2, kept: BLOCKS.map((b) => (b.index === 8 ? 1 : 2)) };
    const bars = galleryBars(BLOCKS, g);
    expect(bars[8]).toMatchObject({
      short: '4.2',
      value: 1,
      note: '1',
      title: 'stage 4 block 2 removed: 1 of 2 photos keep their true class in the top-5',
    });
    expect(galleryBars(BLOCKS, { ...g, done: 0 })[0]).toMatchObject({ value: null, note: '' });
  });
});
