/**
 * The two nets of the block-deletion figure (Veit et al. 2016, §4): the committed ResNet-20 and its
 * plain twin, trained with exactly its settings (scripts/train-tiny.mjs, `TINY_ONLY=tiny-plain20`).
 * Their specs are the one source of truth for which layers form a block: the lesioned forward
 * (lesion.ts) walks the spec and calls the loaded model's layers by the spec's layer names.
 */
import { cifarResnetSpec } from '../arch/resnet';
import type { ArchSpec } from '../arch/types';
import { tinyResnetSpec } from '../train/tiny-specs';
import type { LesionNetKey } from '../data/tiny-lesion';

/** ResNet-20 of He et al. §4.2 without its shortcuts: the same 20 weight layers stacked plainly. */
export function tinyPlainSpec(): ArchSpec {
  return cifarResnetSpec(20, { classes: 10, shortcuts: false });
}

/** The spec each lesion net was built from. */
export const LESION_SPECS: Readonly<Record<LesionNetKey, () => ArchSpec>> = {
  'tiny-plain20': tinyPlainSpec,
  'tiny-resnet20': tinyResnetSpec,
};
