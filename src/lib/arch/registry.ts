/**
 * Every network the site can show, keyed by a stable id (used in URLs: `?model=resnet50`).
 * Two ResNet-50s: `resnet50` puts a bottleneck's stride on its 3×3 conv (torchvision "v1.5", the
 * 4.09 G MACs most papers quote); `resnet50-keras` puts it on the first 1×1 conv as He et al. and
 * Keras do (3.86 G MACs). Same layers and parameters; use the Keras one wherever Keras weights or the
 * Keras table's timings are involved.
 */
import { cifarResnetSpec, resnetSpec } from './resnet';
import type { Family, ArchSpec } from './types';
import { vggSpec } from './vgg';

export const MODEL_IDS = [
  'vgg11',
  'vgg13',
  'vgg16',
  'vgg19',
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet50-keras',
  'resnet101',
  'resnet152',
  'plain18',
  'plain34',
  'cifar-resnet20',
  'cifar-resnet32',
  'cifar-resnet44',
  'cifar-resnet56',
  'cifar-resnet110',
  'cifar-plain20',
  'cifar-plain32',
  'cifar-plain44',
  'cifar-plain56',
] as const;

export type ModelId = (typeof MODEL_IDS)[number];

function build(id: ModelId): ArchSpec {
  switch (id) {
    case 'vgg11':
    case 'vgg13':
    case 'vgg16':
    case 'vgg19':
      return vggSpec(id);
    case 'resnet18':
      return resnetSpec(18);
    case 'resnet34':
      return resnetSpec(34);
    case 'resnet50':
      return resnetSpec(50);
    case 'resnet50-keras':
      return {
        ...resnetSpec(50, { bottleneckStride: '1x1' }),
        id,
        name: 'ResNet-50 (Keras)',
        description: '50 weight layers as Keras Applications builds them: a bottleneck block strides on its first 1×1 conv, not its 3×3.',
      };
    case 'resnet101':
      return resnetSpec(101);
    case 'resnet152':
      return resnetSpec(152);
    case 'plain18':
      return resnetSpec(18, { shortcuts: false });
    case 'plain34':
      return resnetSpec(34, { shortcuts: false });
    default: {
      const m = /^cifar-(resnet|plain)(\d+)$/.exec(id);
      if (!m) throw new Error(`unreachable: ${id}`);
      return cifarResnetSpec(Number(m[2]), { shortcuts: m[1] === 'resnet' });
    }
  }
}

const specs = new Map<ModelId, ArchSpec>();

export const isModelId = (id: string): id is ModelId => (MODEL_IDS as readonly string[]).includes(id);

/** The spec of a registered model (built once, then shared). Throws on an unknown id. */
export function getModel(id: string): ArchSpec {
  if (!isModelId(id)) throw new RangeError(`Unknown model "${id}". Known: ${MODEL_IDS.join(', ')}`);
  let spec = specs.get(id);
  if (!spec) specs.set(id, (spec = build(id)));
  return spec;
}

export interface ModelEntry {
  readonly id: ModelId;
  readonly name: string;
  readonly family: Family;
}

/** Ids, display names and families, in picker order. */
export const listModels = (): ModelEntry[] =>
  MODEL_IDS.map((id) => {
    const s = getModel(id);
    return { id, name: s.name, family: s.family };
  });
