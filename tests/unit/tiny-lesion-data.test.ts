// The committed block-deletion data (src/lib/data/tiny-lesion.json, tiny-plain20.json): their loaders
// reject what is malformed, the blocks are the specs' removable ones, the plain-20 was trained exactly
// as the ResNet-20, and the page's sentences follow the numbers.
import { describe, expect, it } from 'vitest';
import {
  TINY_LESION,
  TINY_PLAIN20,
  checkTinyLesion,
  checkTinyPlain20,
  type LesionNet,
  type TinyLesion,
} from '../../src/lib/data/tiny-lesion';
import { TINY_NETS_DATA } from '../../src/lib/data/tiny-nets';
import { LESION_SPECS } from '../../src/lib/tiny/lesion-nets';
import { removableBlocks } from '../../src/lib/tiny/lesion';
import {
  lesionFacts,
  paperComparisonSentence,
  randomDeletionSentence,
  randomSummary,
  singleDeletionSentence,
} from '../../src/lib/tiny/lesion-prose';
import { analyze } from '../../src/lib/arch';
import { FASHION_INPUT } from '../../src/lib/train';

const clone = (): { -readonly [K in keyof TinyLesion]: unknown } & {
  nets: { blocks: { errors: number }[]; random: { errors: number[] }[]; intactErrors: number }[];
} => structuredClone(TINY_LESION) as never;

describe('tiny-lesion.json and tiny-plain20.json', () => {
  it("lists each net's removable blocks, from the spec it was built from", () => {
    for (const net of TINY_LESION.nets) {
      const spec = LESION_SPECS[net.id]();
      expect(net.specId).toBe(spec.id);
      expect(net.blocks.map((b) => [b.id, b.label])).toEqual(removableBlocks(spec, FASHION_INPUT).map((b) => [b.id, b.label]));
    }
    expect(TINY_LESION.dataset.normalisation).toEqual(TINY_NETS_DATA.dataset.normalisation);
    expect(TINY_LESION.dataset.testImages).toBe(TINY_NETS_DATA.dataset.testImages);
  });

  it("records a plain-20 trained with exactly the ResNet-20's settings and data", () => {
    const plain = TINY_PLAIN20.nets[0]!;
    const resnet = TINY_NETS_DATA.nets.find((n) => n.id === 'tiny-resnet20')!;
    const { seconds: _p, ...plainTrain } = plain.train;
    const { seconds: _r, ...resnetTrain } = resnet.train;
    expect(plainTrain).toEqual(resnetTrain);
    expect(TINY_PLAIN20.dataset).toEqual(TINY_NETS_DATA.dataset);
    const totals = analyze(LESION_SPECS['tiny-plain20'](), FASHION_INPUT).totals;
    expect([plain.specId, plain.trainableParams, plain.macsPerImage]).toEqual(['cifar-plain20', totals.params, totals.macs]);
    // The lesion run's intact plain-20 is the trained net's own test error.
    expect(TINY_LESION.nets[0]!.intactErrors).toBe(plain.testErrors);
    expect(TINY_LESION.nets[1]!.intactErrors).toBe(resnet.testErrors);
  });

  it('rejects malformed data with a clear message', () => {
    const a = clone();
    a.nets[1]!.blocks.pop();
    expect(() => checkTinyLesion(a)).toThrow(/same removable blocks/);
    const b = clone();
    b.nets[0]!.random[0]!.errors[1] = b.nets[0]!.intactErrors + 1;
    expect(() => checkTinyLesion(b)).toThrow(/k=0 must be the intact net/);
    const c = clone();
    c.nets[0]!.blocks[0]!.errors = 1.5;
    expect(() => checkTinyLesion(c)).toThrow(/not a count/);
    const d = clone();
    d.nets[1]!.random.pop();
    expect(() => checkTinyLesion(d)).toThrow(/k must run/);
    const p = structuredClone(TINY_PLAIN20) as unknown as { nets: { testErrors: number }[] };
    p.nets[0]!.testErrors += 1;
    expect(() => checkTinyPlain20(p)).toThrow(/confusion matrix and testErrors disagree/);
  });

  it('summarises k random deletions as mean, sample standard deviation and range', () => {
    const net = {
      random: [
        { k: 0, errors: [10, 10] },
        { k: 1, errors: [10, 30] },
      ],
    } as unknown as LesionNet;
    const [s0, s1] = randomSummary(net, 100);
    expect(s0).toEqual({ k: 0, mean: 0.1, sd: 0, min: 0.1, max: 0.1 });
    expect(s1!.mean).toBeCloseTo(0.2, 12);
    expect(s1!.sd).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect([s1!.min, s1!.max]).toEqual([0.1, 0.3]);
  });
});

describe('the sentences about block deletion', () => {
  const make = (plainSingles: number[], resSingles: number[], plainIntact = 200, resIntact = 150): TinyLesion => {
    const net = (id: string, name: string, intact: number, singles: number[]): LesionNet =>
      ({
        id,
        name,
        specId: id,
        intactErrors: intact,
        blocks: singles.map((e, i) => ({ id: `b${i}`, label: `1.${i + 1}`, errors: e })),
        random: [0, 1, 2].map((k) => ({ k, errors: [intact + 10 * k, intact + 20 * k] })),
      }) as unknown as LesionNet;
    return {
      ...TINY_LESION,
      dataset: { ...TINY_LESION.dataset, testImages: 2000 },
      seeds: [1, 2],
      nets: [
        net('tiny-plain20', 'Plain-20 (CIFAR-10)', plainIntact, plainSingles),
        net('tiny-resnet20', 'ResNet-20 (CIFAR-10)', resIntact, resSingles),
      ],
    };
  };

  it('says how far the worst single deletion moves each net, and names chance when the plain net reaches it', () => {
    const f = lesionFacts(make([1790, 1810], [160, 190]), 10);
    expect(f.chance).toBeCloseTo(0.9, 12);
    expect(singleDeletionSentence(f)).toBe(
      'Removing any one of the two same-shape blocks of the ResNet-20 raises its test error by at most 2.0 points, from 7.5% to 9.5% (block 1.2). ' +
        'The same cut in the Plain-20 sends it to chance whichever block goes: its error lands between 89.5% and 90.5%, against 90.0% for a guess and 10.0% intact.',
    );
    expect(singleDeletionSentence(lesionFacts(make([400, 1800], [150, 140]), 10))).toMatch(
      /^Removing any one of the two same-shape blocks of the ResNet-20 leaves its test error at or below the intact 7\.5%\. The same cut in the Plain-20 costs far more: its error goes from 10\.0% to between 20\.0% \(block 1\.1\) and 90\.0% \(block 1\.2\)/,
    );
    expect(singleDeletionSentence(lesionFacts(make([400, 600], [170, 152]), 10))).toMatch(
      /raises its error from 10\.0% to between 20\.0% \(block 1\.1\) and 30\.0% \(block 1\.2\); chance is 90\.0%\.$/,
    );
  });

  it('describes the k-random curve from its means', () => {
    expect(randomDeletionSentence(lesionFacts(make([1800, 1800], [160, 190]), 10))).toBe(
      "Removing k blocks at random (two seeds for each k), the ResNet-20's mean error climbs step by step, from 7.5% intact to 8.3% with one block gone " +
        "and 9.0% with all two gone; the Plain-20's is 10.8% with one block gone and 11.5% with all of them.",
    );
  });

  it("sets the run beside Veit et al.'s finding, saying where it differs", () => {
    expect(paperComparisonSentence(lesionFacts(make([1790, 1810], [160, 190]), 10))).toBe(
      "As in their experiment, the plain net suffers far more: its mildest single deletion (89.5% error) is worse than the residual net's worst (9.5%). " +
        'The ResNet-20 also barely notices a missing block, as their ResNet-110 does.',
    );
    expect(paperComparisonSentence(lesionFacts(make([1790, 1810], [160, 900]), 10))).toMatch(
      /suffers far more.*Yet the ResNet-20 is far more sensitive than their ResNet-110, which barely notices most deletions: here its worst single deletion costs 37\.5 points\.$/,
    );
    expect(paperComparisonSentence(lesionFacts(make([400, 1810], [160, 1790]), 10))).toMatch(
      /^Unlike in their experiment, the two nets' single deletions overlap: the plain net's mildest costs it 20\.0% error, the residual net's worst 89\.5%\./,
    );
  });

  it('reads the committed run without throwing', () => {
    const f = lesionFacts(TINY_LESION, TINY_PLAIN20.classes.length);
    expect(singleDeletionSentence(f)).toContain(f.resnet.name);
    expect(randomDeletionSentence(f)).toContain(f.plain.name);
    expect(paperComparisonSentence(f)).toContain(f.resnet.name);
  });
});
