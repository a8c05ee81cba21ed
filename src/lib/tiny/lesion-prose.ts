/**
 * What the block-deletion run on the project's nets shows, in numbers and sentences computed from the
 * committed JSON (src/lib/data/tiny-lesion.json), for the page's prose and the figure's summary. The
 * sentences branch on the data, so they stay true if the nets are retrained. It imports the data's
 * types only, so Playwright specs can use it on the JSON they read.
 */
import type { LesionNet, TinyLesion } from '../data/tiny-lesion';
import { formatFixed, formatFraction, numberWord } from '../format';

export interface RandomSummary {
  readonly k: number;
  /** Error rates (fractions): mean over seeds, sample standard deviation, lowest and highest. */
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/** Error against k random blocks removed, over the seeds (fractions of the test subset). */
export function randomSummary(net: LesionNet, testImages: number): RandomSummary[] {
  return net.random.map((r) => {
    const rates = r.errors.map((e) => e / testImages);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rates.length - 1));
    return { k: r.k, mean, sd, min: Math.min(...rates), max: Math.max(...rates) };
  });
}

export interface NetFacts {
  /** "Plain-20", "ResNet-20". */
  readonly name: string;
  readonly intact: number;
  /** Lowest and highest error over the single deletions, and the blocks ("1.2") they belong to. */
  readonly singleMin: number;
  readonly singleMax: number;
  readonly bestBlock: string;
  readonly worstBlock: string;
  /** Highest rise over the intact error, in percentage points. */
  readonly maxRisePoints: number;
  /** Mean error over the seeds with one random block removed, and with every removable block removed. */
  readonly oneRemoved: number;
  readonly allRemoved: number;
  /** The mean error over seeds never falls as k grows. */
  readonly rising: boolean;
}

export interface LesionFacts {
  readonly testImages: number;
  readonly blocks: number;
  readonly seeds: number;
  readonly chance: number;
  readonly plain: NetFacts;
  readonly resnet: NetFacts;
}

const shortName = (n: Pick<LesionNet, 'name'>): string => n.name.replace(/\s*\(.*\)$/, '');

function netFacts(net: LesionNet, testImages: number): NetFacts {
  const rate = (e: number): number => e / testImages;
  const sorted = [...net.blocks].sort((a, b) => a.errors - b.errors);
  const best = sorted[0]!;
  const worst = sorted.at(-1)!;
  const summary = randomSummary(net, testImages);
  return {
    name: shortName(net),
    intact: rate(net.intactErrors),
    singleMin: rate(best.errors),
    singleMax: rate(worst.errors),
    bestBlock: best.label,
    worstBlock: worst.label,
    maxRisePoints: 100 * rate(worst.errors - net.intactErrors),
    oneRemoved: summary[1]!.mean,
    allRemoved: summary.at(-1)!.mean,
    rising: summary.every((s, i) => i === 0 || s.mean >= summary[i - 1]!.mean),
  };
}

/** `classes`: the data set's class count; chance is the error of a guess, 1 − 1/classes. */
export function lesionFacts(d: TinyLesion, classes: number): LesionFacts {
  const n = d.dataset.testImages;
  return {
    testImages: n,
    blocks: d.nets[0]!.blocks.length,
    seeds: d.seeds.length,
    chance: 1 - 1 / classes,
    plain: netFacts(d.nets[0]!, n),
    resnet: netFacts(d.nets[1]!, n),
  };
}

const pct = (x: number): string => formatFraction(x, 1);
const points = (p: number): string => `${formatFixed(p, 1)} point${formatFixed(p, 1) === '1.0' ? '' : 's'}`;

/** How close an error is to chance, in words. */
function nearChance(x: number, chance: number): boolean {
  return x >= chance - 0.1;
}

/** The single-deletion result, one or two sentences. */
export function singleDeletionSentence(f: LesionFacts): string {
  const { plain: p, resnet: r, chance } = f;
  const res =
    r.maxRisePoints <= 0
      ? `Removing any one of the ${numberWord(f.blocks)} same-shape blocks of the ${r.name} leaves its test error at or below the intact ${pct(r.intact)}.`
      : `Removing any one of the ${numberWord(f.blocks)} same-shape blocks of the ${r.name} raises its test error by at most ${points(r.maxRisePoints)}, from ${pct(r.intact)} to ${pct(r.singleMax)} (block ${r.worstBlock}).`;
  const plain = nearChance(p.singleMin, chance)
    ? `The same cut in the ${p.name} sends it to chance whichever block goes: its error lands between ${pct(p.singleMin)} and ${pct(p.singleMax)}, against ${pct(chance)} for a guess and ${pct(p.intact)} intact.`
    : nearChance(p.singleMax, chance)
      ? `The same cut in the ${p.name} costs far more: its error goes from ${pct(p.intact)} to between ${pct(p.singleMin)} (block ${p.bestBlock}) and ${pct(p.singleMax)} (block ${p.worstBlock}), where ${pct(chance)} is a guess.`
      : `The same cut in the ${p.name} raises its error from ${pct(p.intact)} to between ${pct(p.singleMin)} (block ${p.bestBlock}) and ${pct(p.singleMax)} (block ${p.worstBlock}); chance is ${pct(chance)}.`;
  return `${res} ${plain}`;
}

/** The k-random-blocks result, one sentence. */
export function randomDeletionSentence(f: LesionFacts): string {
  const { plain: p, resnet: r, chance } = f;
  const end = nearChance(r.allRemoved, chance) ? `${pct(r.allRemoved)}, about chance,` : pct(r.allRemoved);
  return (
    `Removing k blocks at random (${numberWord(f.seeds)} seeds for each k), the ${r.name}'s mean error ` +
    `${r.rising ? 'climbs step by step' : 'rises, not always evenly'}, from ${pct(r.intact)} intact to ${pct(r.oneRemoved)} with one block gone ` +
    `and ${end} with all ${numberWord(f.blocks)} gone; the ${p.name}'s is ${pct(p.oneRemoved)} with one block gone and ${pct(p.allRemoved)} with all of them.`
  );
}

/** How this run sits beside Veit et al.'s (a VGG-style net to chance, a ResNet-110 barely affected). */
export function paperComparisonSentence(f: LesionFacts): string {
  const { plain: p, resnet: r } = f;
  const first =
    p.singleMin > r.singleMax
      ? `As in their experiment, the plain net suffers far more: its mildest single deletion (${pct(p.singleMin)} error) is worse than the residual net's worst (${pct(r.singleMax)}).`
      : `Unlike in their experiment, the two nets' single deletions overlap: the plain net's mildest costs it ${pct(p.singleMin)} error, the residual net's worst ${pct(r.singleMax)}.`;
  const second =
    r.maxRisePoints < 5
      ? `The ${r.name} also barely notices a missing block, as their ResNet-110 does.`
      : `Yet the ${r.name} is far more sensitive than their ResNet-110, which barely notices most deletions: here its worst single deletion costs ${points(r.maxRisePoints)}.`;
  return `${first} ${second}`;
}
