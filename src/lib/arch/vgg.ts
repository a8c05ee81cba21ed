/**
 * VGG configurations A, B, D and E (VGG-11/13/16/19) of Simonyan & Zisserman, Table 1: five stages
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
import type { BlockSpec, LayerSpec, ModelSpec, StageSpec } from './types';

/** Convolutions per stage; channels are 64, 128, 256, 512, 512 in every configuration. */
export const VGG_CONFIGS = {
  vgg11: { name: 'VGG-11', config: 'A', convs: [1, 1, 2, 2, 2] },
  vgg13: { name: 'VGG-13', config: 'B', convs: [2, 2, 2, 2, 2] },
  vgg16: { name: 'VGG-16', config: 'D', convs: [2, 2, 3, 3, 3] },
  vgg19: { name: 'VGG-19', config: 'E', convs: [2, 2, 4, 4, 4] },
} as const;

export type VggId = keyof typeof VGG_CONFIGS;

const VGG_WIDTHS = [64, 128, 256, 512, 512] as const;

export function vggSpec(id: VggId, classes = 1000): ModelSpec {
  const cfg = VGG_CONFIGS[id];
  const stages: StageSpec[] = cfg.convs.map((n, s) => {
    const b = `block${s + 1}`;
    const main: LayerSpec[] = [];
    for (let i = 1; i <= n; i++) {
      const name = `${b}_conv${i}`;
      main.push({ kind: 'conv', name, filters: VGG_WIDTHS[s] ?? 512, kernel: 3, stride: 1, pad: 1, bias: 'always' });
      main.push({ kind: 'relu', name: `${name}_relu` });
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
  const weightLayers = cfg.convs.reduce((a, b) => a + b, 0) + 3;
  return {
    id,
    name: cfg.name,
    family: 'vgg',
    input: { h: 224, w: 224, c: 3 },
    classes,
    stages,
    source: { id: 'simonyan2015', at: `Table 1, configuration ${cfg.config}` },
    description: `${weightLayers} weight layers: ${weightLayers - 3} 3×3 convolutions in five stages, then three fully connected layers.`,
  };
}
