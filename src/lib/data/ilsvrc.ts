/**
 * ILSVRC classification winners, 2010–2017: top-5 error on the test set of each year's winning
 * entry, and the facts about ImageNet and its challenge that the pages print. Typed once; the
 * ImageNet page's table, the timeline chart and the prose all read it.
 *
 * Primary sources: the per-year results pages of the challenge (image-net.org/challenges/LSVRC/<year>/results)
 * and Russakovsky et al., IJCV 2015 (2010–2014). The data are the fractions the results pages print,
 * with their five decimals (e.g. 0.28191); the percentages the site shows are derived from them by
 * `percentOfFraction` (three significant figures). The fractions were copied from the results pages
 * in an earlier pass and confirmed against them by the fact-check of issue 16; the pages could not be
 * read again offline for this pass.
 */
import { VGG_TEST_RESULTS } from './vgg-results';

export interface IlsvrcWinner {
  readonly year: number;
  readonly team: string;
  /** The model the entry is known by, if it has a name. */
  readonly model: string;
  /** Top-5 classification error as the results page prints it: a fraction with five decimals. */
  readonly top5Fraction: number;
  /** Top-5 error in percent, derived from `top5Fraction` (three significant figures). */
  readonly top5Error: number;
  /** The same team's error when it also used outside training data, where it entered one (fraction). */
  readonly top5FractionExtraData?: number;
  /** …in percent, derived. */
  readonly top5ErrorExtraData?: number;
  /** Source ids (see sources.ts) for this row. */
  readonly sources: readonly string[];
}

export interface IlsvrcRunnerUp {
  readonly year: number;
  readonly team: string;
  readonly model: string;
  readonly place: number;
  readonly top5Fraction: number;
  readonly top5Error: number;
  readonly sources: readonly string[];
}

/** Significant figures the site keeps of a results-page fraction when it prints a percentage. */
const PERCENT_SIGNIFICANT_FIGURES = 3;

/**
 * A results-page fraction in percent, rounded to `sig` significant figures in exact decimal
 * arithmetic (the fraction has five decimals, so the percentage has at most three), with ties
 * rounded to the even neighbour (ISO 80000-1, rule A): 0.28191 → 28.2, 0.06656 → 6.66,
 * 0.07325 → 7.32.
 */
export function percentOfFraction(fraction: number, sig = PERCENT_SIGNIFICANT_FIGURES): number {
  const units = Math.round(fraction * 1e5); // the fraction in units of 10⁻⁵ = the percentage in 10⁻³
  if (!Number.isFinite(fraction) || fraction < 0 || Math.abs(fraction * 1e5 - units) > 1e-6) {
    throw new RangeError(`${fraction} is not a fraction with at most five decimals`);
  }
  const drop = Math.max(0, String(units).length - sig);
  const step = 10 ** drop;
  let q = Math.floor(units / step);
  const r = units - q * step;
  if (2 * r > step || (2 * r === step && q % 2 === 1)) q += 1;
  return (q * step) / 1000;
}

const winner = (
  year: number,
  team: string,
  model: string,
  top5Fraction: number,
  sources: readonly string[],
  top5FractionExtraData?: number,
): IlsvrcWinner => ({
  year,
  team,
  model,
  top5Fraction,
  top5Error: percentOfFraction(top5Fraction),
  sources,
  ...(top5FractionExtraData === undefined ? {} : { top5FractionExtraData, top5ErrorExtraData: percentOfFraction(top5FractionExtraData) }),
});

export const ILSVRC_WINNERS: readonly IlsvrcWinner[] = [
  // 2010: the results page describes NEC-UIUC's entry as two non-linear codings of local descriptors
  // (LCC and super-vector coding) classified by a stochastic SVM.
  winner(2010, 'NEC-UIUC', 'LCC + super-vector coding + stochastic SVM', 0.28191, ['ilsvrc2010', 'russakovsky2015']),
  winner(2011, 'XRCE', 'Fisher vectors + SVM', 0.2577, ['ilsvrc2011', 'russakovsky2015']),
  winner(2012, 'SuperVision', 'AlexNet', 0.16422, ['ilsvrc2012', 'krizhevsky2012'], 0.15315),
  winner(2013, 'Clarifai', 'ZF Net ensemble', 0.11743, ['ilsvrc2013', 'zeiler2014'], 0.11197),
  winner(2014, 'GoogLeNet', 'GoogLeNet (Inception v1)', 0.06656, ['ilsvrc2014', 'szegedy2015']),
  winner(2015, 'MSRA', 'ResNet (ensemble)', 0.03567, ['ilsvrc2015', 'he2016']),
  winner(2016, 'Trimps-Soushen', 'Ensemble (Inception, ResNet, Wide ResNet)', 0.02991, ['ilsvrc2016']),
  winner(2017, 'WMW', 'SENet (ensemble)', 0.02251, ['ilsvrc2017', 'hu2018']),
];

/** The winner of one year (throws on a year without a challenge). */
export function ilsvrcWinner(year: number): IlsvrcWinner {
  const w = ILSVRC_WINNERS.find((x) => x.year === year);
  if (!w) throw new Error(`No ILSVRC winner for ${year}`);
  return w;
}

/** VGG's 2014 classification entry: second behind GoogLeNet. */
export const VGG_2014: IlsvrcRunnerUp = {
  year: 2014,
  team: 'VGG',
  model: `VGG (ensemble of ${VGG_TEST_RESULTS.submissionNets} nets, as submitted)`,
  place: 2,
  top5Fraction: 0.07325,
  top5Error: percentOfFraction(0.07325),
  sources: ['ilsvrc2014', 'simonyan2015'],
};

/** GoogLeNet's depth: "22 layers deep when counting only layers with parameters" (Szegedy et al. 2015, §5). */
export const GOOGLENET = { weightLayers: 22, sources: ['szegedy2015'] } as const;

/** The "human error" reference: one trained annotator, Russakovsky et al. 2015, §6.4. */
export const HUMAN_TOP5 = {
  /** Annotator A1's top-5 error, in percent (the paper's precision). */
  trainedAnnotator: 5.1,
  /** Validation images A1 practised on before the estimate. */
  trainedAnnotatorPracticeImages: 500,
  /** Test images A1 then labelled for the estimate. */
  trainedAnnotatorImages: 1500,
  /** Annotator A2's top-5 error, less trained, in percent. */
  secondAnnotator: 12.0,
  /** Images A2 labelled. */
  secondAnnotatorImages: 258,
  /** The categories §6.4 names as fine-grained (the largest source of the annotator's errors). */
  fineGrainedExamples: ['dogs', 'monkeys', 'snakes', 'birds'],
  /** §6.4: the annotator's errors on fine-grained classes, the largest of its error types. */
  fineGrainedErrors: { count: 28, percent: 37 },
  /**
   * Karpathy's update of 14 Feb 2015 to his post: human accuracy "is not a point. It lives on a
   * tradeoff curve" of effort and expertise. His 5.1% is one point; labmates with almost no training
   * reached "even up to 15%"; a dedicated ensemble of expert labelers "might push this down to 3%",
   * with "about 2%" an optimistic lower bound. Read offline in karpathy/karpathy.github.io (the post's source).
   */
  karpathyUpdate: { date: '14 February 2015', untrainedUpTo: 15, expertEnsemble: 3, optimisticLowerBound: 2 },
  sources: ['russakovsky2015', 'karpathy2014'],
} as const;

/** The ILSVRC classification data set released in 2012 and used until 2017 (2010 and 2011 had their
 * own sets, with other image counts). Russakovsky et al. 2015, Table 2, give its counts in the row
 * "ILSVRC2012-2014"; the 2016 and 2017 challenge pages say the classification data "will remain unchanged
 * from ILSVRC 2012" (read offline; the 2015 page was not). */
export const ILSVRC_DATA = {
  classes: 1000,
  trainImages: 1_281_167,
  /** Fewest and most training images of one class (Table 2). */
  trainImagesPerClassMin: 732,
  trainImagesPerClassMax: 1300,
  /** The years this set was used. */
  firstYear: 2012,
  lastYear: 2017,
  /** The last year Russakovsky et al.'s Table 2 row covers ("ILSVRC2012-2014"). */
  paperRowLastYear: 2014,
  valImages: 50_000,
  testImages: 100_000,
  /** The challenge's years, from the first to the last. */
  challengeFirstYear: 2010,
  sources: ['russakovsky2015', 'ilsvrc-2016-2017'],
} as const;

/**
 * The challenge's test server: "you cannot make more than 2 submissions per week". From 28 November
 * 2014 to 13 May 2015 a team used at least 30 accounts to submit at least 200 times; the organisers
 * said such results "may not be directly comparable" (announcement of 2 June 2015, read offline).
 */
export const TEST_SERVER = {
  submissionsPerWeek: 2,
  violation: { accounts: 30, submissions: 200, from: '28 November 2014', to: '13 May 2015' },
  sources: ['ilsvrc2015-announcement'],
} as const;

/** The full ImageNet database, as image-net.org reports it: the counts of the Fall 2011 release. */
export const IMAGENET_FULL = {
  release: 'Fall 2011',
  images: 14_197_122,
  synsets: 21_841,
  sources: ['imagenet-site'],
} as const;

/** ImageNet as Deng et al. 2009 presented it (Abstract, §1): 12 subtrees, 5,247 synsets, 3.2 million
 * images (the paper gives the images in millions, to one decimal). */
export const IMAGENET_2009 = {
  subtrees: 12,
  synsets: 5247,
  imagesMillions: 3.2,
  sources: ['deng2009'],
} as const;

/** The clean, hand-labelled benchmarks Deng et al. 2009 compare ImageNet with (§2.1, "Small image
 * datasets"), and how much larger ImageNet already was than them in 2009. */
export const SMALL_BENCHMARKS_2009 = {
  names: ['Caltech101/256', 'MSRC', 'PASCAL'],
  imageNetTimesCategories: 20,
  imageNetTimesImages: 100,
  sources: ['deng2009'],
} as const;

/** Tiny Images as Deng et al. 2009 describe it (§2.1): 80 million 32×32 images found by search
 * engines, of which 10–25% per synset are "possibly clean". */
export const TINY_IMAGES_2009 = { imagesMillions: 80, cleanPercent: [10, 25], sources: ['deng2009'] } as const;

/** ImageNet-1k classes that are people (class index, Keras order; imagenet_class_index.json). */
export const IMAGENET_PERSON_CLASSES = [
  { index: 981, name: 'ballplayer' },
  { index: 982, name: 'groom' },
  { index: 983, name: 'scuba diver' },
] as const;

/** The dog breeds among the 1,000 classes: a contiguous run in the standard class order (0-based
 * indices, imagenet_class_index.json), from Chihuahua to Mexican hairless. */
export const IMAGENET_DOG_CLASSES = {
  first: 151,
  firstName: 'Chihuahua',
  last: 268,
  lastName: 'Mexican hairless',
  sources: ['imagenet-class-index'],
} as const;
export const imagenetDogClassCount = (): number => IMAGENET_DOG_CLASSES.last - IMAGENET_DOG_CLASSES.first + 1;

/** Stanford Dogs (Khosla et al. 2011): breeds, images and labels taken from ImageNet. */
export const STANFORD_DOGS = { breeds: 120, sources: ['khosla2011'] } as const;
