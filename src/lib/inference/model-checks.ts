// What a downloaded model must be before it is used: weight groups of the size their manifest
// describes, and the shapes of an ImageNet-1k classifier; and the outputs of predict() as a list.
import type * as TF from '@tensorflow/tfjs';
import { NUM_CLASSES } from './labels';
import { ModelLoadError } from './load-errors';

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/** Bytes a weights group must hold according to its manifest entry. */
export function groupBytes(group: TF.io.WeightsManifestConfig[number]): number {
  let total = 0;
  for (const w of group.weights) {
    const n = w.shape.reduce((a: number, b: number) => a * b, 1);
    const dtype = w.quantization?.dtype ?? w.dtype;
    const size = DTYPE_BYTES[dtype];
    if (size === undefined) throw new ModelLoadError('not-a-model', `weight "${w.name}" has dtype ${dtype}, which this loader cannot size`);
    total += n * size;
  }
  return total;
}

/**
 * Checks the shapes an ImageNet classifier must have. Returns null when fine, else a sentence saying
 * what is wrong. `output` may be unknown (graph models often leave it open) — then pass null.
 */
export function shapeProblem(input: readonly (number | null)[] | undefined, output: readonly (number | null)[] | null): string | null {
  if (!input) return 'the model declares no input shape; it needs one image input of shape [batch, height, width, 3]';
  if (input.length !== 4)
    return `its input has shape [${shapeList(input)}], but an image classifier takes [batch, height, width, 3] (4 dimensions, got ${input.length})`;
  if (input[3] !== 3)
    return `its input has shape [${shapeList(input)}]: the last dimension must be 3 (RGB channels, height × width × channels order), got ${input[3] ?? 'unknown'}`;
  const [, h, w] = input;
  if (h !== null && w !== null && h !== undefined && w !== undefined && h > 0 && w > 0 && h !== w)
    return `its input is ${h}×${w} pixels; this demo feeds square images`;
  if (output) {
    const width = output[output.length - 1];
    if (output.length !== 2 || width !== NUM_CLASSES) {
      return `its output has shape [${shapeList(output)}], but an ImageNet-1k classifier outputs [batch, ${NUM_CLASSES}] (one score per class)`;
    }
  }
  return null;
}

/** predict() gives a tensor, a list, or (graph models) a name → tensor map. */
export function outputList(y: TF.Tensor | TF.Tensor[] | TF.NamedTensorMap): TF.Tensor[] {
  if (Array.isArray(y)) return y;
  if (y instanceof Object && 'dataSync' in y) return [y as TF.Tensor];
  return Object.values(y as TF.NamedTensorMap);
}

export const firstOutput = (y: TF.Tensor | TF.Tensor[] | TF.NamedTensorMap): TF.Tensor | undefined => outputList(y)[0];

const shapeList = (shape: readonly (number | null)[]) => shape.map((d) => (d === null || d < 0 ? 'any' : d)).join(', ');
