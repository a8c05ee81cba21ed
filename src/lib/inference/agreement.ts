// How closely a smaller copy of a model (the 8-bit ResNet-50) agrees with the original on the same
// photos: the same top-1 class, and how many of the top-5 classes the two share. Pure; no tfjs.
import { topK } from './scores';

export interface PhotoAgreement {
  readonly photo: string;
  /** Top-1 class of the reference and of the candidate (Keras order). */
  readonly reference: number;
  readonly candidate: number;
  readonly sameTop1: boolean;
  /** Classes in both top-5 lists (0…5). */
  readonly top5Overlap: number;
}

export interface Agreement {
  readonly photos: readonly PhotoAgreement[];
  /** Photos with the same top-1 class. */
  readonly top1Identical: number;
  readonly meanTop5Overlap: number;
}

export function photoAgreement(photo: string, reference: ArrayLike<number>, candidate: ArrayLike<number>): PhotoAgreement {
  const a = topK(reference, 5);
  const b = topK(candidate, 5);
  const overlap = a.filter((x) => b.some((y) => y.index === x.index)).length;
  return { photo, reference: a[0]!.index, candidate: b[0]!.index, sameTop1: a[0]!.index === b[0]!.index, top5Overlap: overlap };
}

export function agreement(photos: readonly PhotoAgreement[]): Agreement {
  if (photos.length === 0) throw new Error('agreement needs at least one photo');
  return {
    photos,
    top1Identical: photos.filter((p) => p.sameTop1).length,
    meanTop5Overlap: photos.reduce((s, p) => s + p.top5Overlap, 0) / photos.length,
  };
}
