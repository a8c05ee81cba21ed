/**
 * The two small nets the project trains on Fashion-MNIST (28×28×1) and ships with its own weights:
 * a VGG-style net (stacks of 3×3 convolutions, 2×2 max-pools, then fully connected layers, as in
 * Simonyan & Zisserman's Table 1, scaled down) and the CIFAR-style ResNet-20 of He et al. §4.2.
 */
import { cifarResnetSpec } from '../arch/resnet';
import type { LayerSpec, ArchSpec, StageSpec } from '../arch/types';

export const FASHION_INPUT = { h: 28, w: 28, c: 1 } as const;

/** conv(16)×2 → pool → conv(32)×2 → pool → fc 128 → fc 10. */
export function tinyVggSpec(): ArchSpec {
  const stage = (s: number, filters: number): StageSpec => {
    const b = `block${s}`;
    const main: LayerSpec[] = [];
    for (let i = 1; i <= 2; i++) {
      main.push({ kind: 'conv', name: `${b}_conv${i}`, filters, kernel: 3, stride: 1, pad: 1, bias: 'always' });
      main.push({ kind: 'relu', name: `${b}_conv${i}_relu` });
    }
    main.push({ kind: 'maxpool', name: `${b}_pool`, size: 2, stride: 2, pad: 0 });
    return { id: b, name: b, blocks: [{ id: b, name: `Block ${s}`, type: 'vgg', main, out: [] }] };
  };
  return {
    id: 'tiny-vgg',
    name: 'Tiny VGG',
    family: 'vgg',
    input: FASHION_INPUT,
    classes: 10,
    stages: [
      stage(1, 16),
      stage(2, 32),
      {
        id: 'classifier',
        name: 'classifier',
        blocks: [
          {
            id: 'classifier',
            name: 'Classifier',
            type: 'head',
            out: [],
            main: [
              { kind: 'flatten', name: 'flatten' },
              { kind: 'fc', name: 'fc1', units: 128 },
              { kind: 'relu', name: 'fc1_relu' },
              { kind: 'fc', name: 'predictions', units: 10 },
              { kind: 'softmax', name: 'probs' },
            ],
          },
        ],
      },
    ],
    source: { id: 'simonyan2015', at: '§2.1' },
    description:
      'Six weight layers: two stages of two 3×3 convolutions (16 and 32 filters) each closed by a 2×2 max-pool, then two fully connected layers.',
  };
}

/** ResNet-20 of §4.2 (16, 32, 64 filters, batch norm, option-A shortcuts) for 10 classes. */
export function tinyResnetSpec(): ArchSpec {
  return cifarResnetSpec(20, { classes: 10 });
}

export const TINY_NETS = { 'tiny-vgg': tinyVggSpec, 'tiny-resnet20': tinyResnetSpec } as const;
export type TinyNetId = keyof typeof TINY_NETS;
