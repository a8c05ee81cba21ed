/**
 * VGG configurations of Simonyan & Zisserman, Table 1 (typed once in data/vgg-configs.ts; the
 * registry has A, B, D and E = VGG-11/13/16/19): five stages
 * of 3×3 convolutions (stride 1, padding 1) each closed by a 2×2 max-pool, then three fully connected
 * layers. Layer names follow Keras' `keras.applications.VGG16` (block1_conv1 … fc1, fc2, predictions),
 * with the ReLUs Keras fuses into each layer written out as their own steps. Dropout (training only)
 * is not a layer of the inference graph and is left out.
 *
 * Input size: like Keras (and the paper), fc1 flattens the last pool, so its weights — and the
 * model's count — depend on the input: 7×7×512×4096 at 224×224 (the published 138,357,544 for
 * VGG-16), 1×1×512×4096 at 32×32. (torchvision instead inserts an adaptive 7×7 average pool, which
 * keeps the count fixed; at 224×224 both agree.)
 */
import type { BlockSpec, LayerSpec, ArchSpec, StageSpec } from './types';
import { vggConfig, type VggConfig } from '../data/vgg-configs';

/** The registry's VGG nets and the paper's configuration letters they are (Table 1, typed in data). */
export const VGG_IDS = {
  vgg11: { name: 'VGG-11', config: 'A' },
  vgg13: { name: 'VGG-13', config: 'B' },
  vgg16: { name: 'VGG-16', config: 'D' },
  vgg19: { name: 'VGG-19', config: 'E' },
} as const;

export type VggId = keyof typeof VGG_IDS;

export function vggSpec(id: VggId, classes = 1000): ArchSpec {
  const { name, config } = VGG_IDS[id];
  return vggSpecFromConfig(vggConfig(config), { id, name, classes });
}

/**
 * Any configuration of Table 1, including C (with 1×1 convolutions) and A-LRN. LRN has no
 * parameters and no multiply-accumulates in this accounting, so it is left out of the spec.
 */
export function vggSpecFromConfig(
  cfg: VggConfig,
  { id = `vgg-${cfg.name.toLowerCase()}`, name = `VGG ${cfg.name}`, classes = 1000 }: { id?: string; name?: string; classes?: number } = {},
): ArchSpec {
  const stages: StageSpec[] = cfg.blocks.map((layers, s) => {
    const b = `block${s + 1}`;
    const main: LayerSpec[] = [];
    let i = 0;
    for (const l of layers) {
      if (l.kind !== 'conv') continue;
      const convName = `${b}_conv${++i}`;
      main.push({ kind: 'conv', name: convName, filters: l.channels, kernel: l.size, stride: 1, pad: (l.size - 1) / 2, bias: 'always' });
      main.push({ kind: 'relu', name: `${convName}_relu` });
    }
    main.push({ kind: 'maxpool', name: `${b}_pool`, size: 2, stride: 2, pad: 0 });
    const block: BlockSpec = { id: b, name: `Block ${s + 1}`, type: 'vgg', main, out: [] };
    return { id: b, name: b, blocks: [block] };
  });
  const head: BlockSpec = {
    id: 'classifier',
    name: 'Classifier',
    type: 'head',
    main: [
      { kind: 'flatten', name: 'flatten' },
      { kind: 'fc', name: 'fc1', units: 4096 },
      { kind: 'relu', name: 'fc1_relu' },
      { kind: 'fc', name: 'fc2', units: 4096 },
      { kind: 'relu', name: 'fc2_relu' },
      { kind: 'fc', name: 'predictions', units: classes },
      { kind: 'softmax', name: 'probs' },
    ],
    out: [],
  };
  stages.push({ id: 'classifier', name: 'classifier', blocks: [head] });
  const weightLayers = cfg.weightLayers;
  return {
    id,
    name,
    family: 'vgg',
    input: { h: 224, w: 224, c: 3 },
    classes,
    stages,
    source: { id: 'simonyan2015', at: `Table 1, configuration ${cfg.name}` },
    description: `${weightLayers} weight layers: ${weightLayers - 3} convolutions in five stages, then three fully connected layers.`,
  };
}
