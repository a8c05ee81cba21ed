/**
 * ILSVRC classification winners, 2010–2017: top-5 error on the test set of each year's winning
 * entry. Typed once; the ImageNet page's table and the timeline chart both read it.
 *
 * Primary sources: the per-year results pages of the challenge (image-net.org/challenges/LSVRC/<year>/results)
 * and Russakovsky et al., IJCV 2015, Table 8 (2010–2014). Values are the fractions the results pages
 * print (e.g. 0.28191) converted to percent.
 */
export interface IlsvrcWinner {
  readonly year: number;
  readonly team: string;
  /** The model the entry is known by, if it has a name. */
  readonly model: string;
  /** Top-5 classification error of the winning entry, in percent, provided data only. */
  readonly top5Error: number;
  /** The same team's error when it also used outside training data, where it entered one. */
  readonly top5ErrorExtraData?: number;
  /** Source ids (see sources.ts) for this row. */
  readonly sources: readonly string[];
}

export interface IlsvrcRunnerUp {
  readonly year: number;
  readonly team: string;
  readonly model: string;
  readonly place: number;
  readonly top5Error: number;
  readonly sources: readonly string[];
}

export const ILSVRC_WINNERS: readonly IlsvrcWinner[] = [
  { year: 2010, team: 'NEC-UIUC', model: 'SIFT/LBP + sparse coding + SVM', top5Error: 28.2, sources: ['ilsvrc2010', 'russakovsky2015'] },
  { year: 2011, team: 'XRCE', model: 'Fisher vectors + SVM', top5Error: 25.8, sources: ['ilsvrc2011', 'russakovsky2015'] },
  { year: 2012, team: 'SuperVision', model: 'AlexNet', top5Error: 16.4, top5ErrorExtraData: 15.3, sources: ['ilsvrc2012', 'krizhevsky2012'] },
  { year: 2013, team: 'Clarifai', model: 'ZF Net ensemble', top5Error: 11.7, top5ErrorExtraData: 11.2, sources: ['ilsvrc2013', 'zeiler2014'] },
  { year: 2014, team: 'GoogLeNet', model: 'GoogLeNet (Inception v1)', top5Error: 6.66, sources: ['ilsvrc2014', 'szegedy2015'] },
  { year: 2015, team: 'MSRA', model: 'ResNet (ensemble)', top5Error: 3.57, sources: ['ilsvrc2015', 'he2016'] },
  { year: 2016, team: 'Trimps-Soushen', model: 'Ensemble (Inception, ResNet, Wide ResNet)', top5Error: 2.99, sources: ['ilsvrc2016'] },
  { year: 2017, team: 'WMW', model: 'SENet (ensemble)', top5Error: 2.25, sources: ['ilsvrc2017', 'hu2018'] },
];

/** VGG's 2014 classification entry: second behind GoogLeNet. */
export const VGG_2014: IlsvrcRunnerUp = {
  year: 2014,
  team: 'VGG',
  model: 'VGG (ensemble of 7 nets, as submitted)',
  place: 2,
  top5Error: 7.32,
  sources: ['ilsvrc2014', 'simonyan2015'],
};

/** The "human error" reference: one trained annotator, Russakovsky et al. 2015, §6.4. */
export const HUMAN_TOP5 = {
  /** Annotator A1's top-5 error, in percent. */
  trainedAnnotator: 5.1,
  /** Validation images A1 practised on before the estimate. */
  trainedAnnotatorPracticeImages: 500,
  /** Test images A1 then labelled for the estimate. */
  trainedAnnotatorImages: 1500,
  /** Annotator A2's top-5 error, less trained, in percent. */
  secondAnnotator: 12.0,
  /** Images A2 labelled. */
  secondAnnotatorImages: 258,
  sources: ['russakovsky2015', 'karpathy2014'],
} as const;

/** The ILSVRC classification data set released in 2012 and used until 2017 (2010 and 2011 had their
 * own sets, with other image counts: Russakovsky et al. 2015, Table 2). */
export const ILSVRC_DATA = {
  classes: 1000,
  trainImages: 1_281_167,
  /** The years this set was used. */
  firstYear: 2012,
  lastYear: 2017,
  valImages: 50_000,
  testImages: 100_000,
  sources: ['russakovsky2015'],
} as const;

/** The full ImageNet database, as image-net.org reports it: the counts of the Fall 2011 release. */
export const IMAGENET_FULL = {
  release: 'Fall 2011',
  images: 14_197_122,
  synsets: 21_841,
  sources: ['imagenet-site', 'deng2009'],
} as const;
