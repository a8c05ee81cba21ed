// The 1000 ImageNet-1k classes in Keras order (the order MobileNet and Keras ResNet-50 output),
// with WordNet ids and the darknet-tiny output index of each class. Data and licenses:
// src/lib/data/imagenet-classes.json (derived by scripts/derive-labels.mjs).
import classes from '../data/imagenet-classes.json';

export const NUM_CLASSES = 1000;

/** Full class names as ImageNet lists them ("tabby, tabby cat"). */
export const CLASS_NAMES: readonly string[] = classes.names;
/** WordNet ids ("n02123045"), Keras order. */
export const WNIDS: readonly string[] = classes.wnids;
/** For each Keras index, the index of the same class in darknet-tiny's output. */
export const DARKNET_INDEX_FOR_KERAS: readonly number[] = classes.darknetIndex;

/** The readable name: the first synonym ("tabby" for "tabby, tabby cat"). */
export function shortName(index: number): string {
  const full = CLASS_NAMES[index];
  if (full === undefined) throw new RangeError(`no ImageNet class ${index}`);
  return full.split(',')[0]!.trim();
}

/** Class index by exact short or full name (case-insensitive), or -1. */
export function classIndex(name: string): number {
  const n = name.trim().toLowerCase();
  return CLASS_NAMES.findIndex((c) => c.toLowerCase() === n || c.split(',')[0]!.trim().toLowerCase() === n);
}

/** Classes whose name or WordNet id contains `query` (for the searchable true-label picker). */
export function searchClasses(query: string, limit = 20): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  for (let i = 0; i < CLASS_NAMES.length && out.length < limit; i++) {
    if (CLASS_NAMES[i]!.toLowerCase().includes(q) || WNIDS[i] === q) out.push(i);
  }
  return out;
}
