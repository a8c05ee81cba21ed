/**
 * A small, made-up worked example for the metrics page: five images with one ground-truth label
 * each and a model's five best guesses. The class names are real ImageNet-1k classes; the
 * rankings are illustrative (chosen to show a top-1 hit, near misses and a full miss), not the
 * output of any particular model.
 */
import type { RankedPrediction } from '../top-k-error';

export interface ExampleImage extends RankedPrediction {
  /** What the picture shows, for the reader. */
  readonly description: string;
}

export const TOPK_EXAMPLE: readonly ExampleImage[] = [
  {
    description: 'A striped cat on a sofa',
    truth: 'tabby',
    ranked: ['tabby', 'tiger cat', 'Egyptian cat', 'lynx', 'Persian cat'],
  },
  {
    description: 'A small terrier with folded ears',
    truth: 'Norfolk terrier',
    ranked: ['Norwich terrier', 'Norfolk terrier', 'cairn', 'Australian terrier', 'Yorkshire terrier'],
  },
  {
    description: 'A café table with a mug, a spoon and a pastry',
    truth: 'coffee mug',
    ranked: ['espresso', 'cup', 'coffee mug', 'dining table', 'bakery'],
  },
  {
    description: 'A cargo ship stacked with containers',
    truth: 'container ship',
    ranked: ['container ship', 'liner', 'dock', 'pier', 'fireboat'],
  },
  {
    description: 'A grey-and-white sled dog in snow',
    truth: 'Siberian husky',
    ranked: ['Eskimo dog', 'malamute', 'timber wolf', 'white wolf', 'dogsled'],
  },
];
