// What deleting ResNet-50's blocks answers (Veit et al. 2016, §4): plain data that crosses from the
// engine's worker to the page. Probabilities of a deletion that makes the network output NaN are NaN:
// `finite` says so, and the page shows it as a result, not an error.
import type { Ranked } from '../inference/scores';

/** One residual block as the figure labels it. */
export interface LesionBlock {
  /** Index among the model's residual blocks (graph order). */
  index: number;
  /** The spec's block id ("conv2_block1") when the model maps to its spec, else the Add layer's name. */
  name: string;
  /** 2–5 in ResNet-50 (conv2_x … conv5_x). */
  stage: number;
  /** 1-based position within its stage. */
  inStage: number;
  /** True when the shortcut is a 1×1 projection (first block of each stage), not the identity. */
  projection: boolean;
}

/** The intact model's top-1 class, followed under a deletion. */
export interface OriginalTop1 {
  classIndex: number;
  /** Its probability with every block in place. */
  intactProb: number;
  /** Its probability with the blocks removed (NaN when the output is not a number). */
  prob: number;
  /** Its 1-based rank with the blocks removed; null when the output is not a number. */
  rank: number | null;
}

/** The answer of a lesioned classification. */
export interface LesionAnswer {
  /** The blocks removed (indices), ascending. */
  off: number[];
  blocks: LesionBlock[];
  /** Top-5 with those blocks removed; [] when the output is not a number. */
  top5: Ranked[];
  finite: boolean;
  original: OriginalTop1;
}

/** One block removed by itself, for one photo. */
export interface BlockDeletion {
  block: number;
  finite: boolean;
  /** The intact top-1 class's probability and rank with this block removed. */
  prob: number;
  rank: number | null;
  /** The top-1 class with this block removed (null when the output is not a number). */
  top1: number | null;
}

export interface SweepAnswer {
  blocks: LesionBlock[];
  /** The intact model's top-1 and its probability (`prob` = `intactProb`, rank 1). */
  original: OriginalTop1;
  deletions: BlockDeletion[];
}

/** Over the labelled photos: how many keep their true class in the top-5 with each block removed. */
export interface GallerySweepAnswer {
  blocks: LesionBlock[];
  /** Photos sent. */
  total: number;
  /** Photos counted so far (= total in the final answer; fewer in the events along the way). */
  done: number;
  /** Photos whose true class is in the intact model's top-5. */
  intactKept: number;
  /** Per block (index order): photos whose true class stays in the top-5 with that block removed. */
  kept: number[];
}
