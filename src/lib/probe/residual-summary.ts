// What the reader's own ‖F(x)‖ / ‖x‖ numbers say, in words: which residual branches add most and
// least, how many add less than the signal they join, and identity against projection blocks. The
// page text is built from these, never typed.
import { median } from 'd3';
import { formatFixed } from '../format';
import type { ResidualRatio } from './types';

export interface ResidualSummary {
  count: number;
  /** Blocks sorted by ratio, largest first. */
  sorted: readonly ResidualRatio[];
  most: ResidualRatio;
  least: ResidualRatio;
  median: number;
  /** Blocks whose branch is smaller than their input (ratio < 1). */
  below1: number;
  /** Mean ratio of the identity-shortcut blocks, and of the projection ones (NaN when none). */
  meanIdentity: number;
  meanProjection: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : Number.NaN);

/** The median (d3's), NaN for none. */
export const medianOf = (xs: readonly number[]): number => median(xs) ?? Number.NaN;

export function summarizeResiduals(ratios: readonly ResidualRatio[]): ResidualSummary | null {
  if (ratios.length === 0) return null;
  const sorted = [...ratios].sort((a, b) => b.ratio - a.ratio);
  return {
    count: ratios.length,
    sorted,
    most: sorted[0]!,
    least: sorted[sorted.length - 1]!,
    median: medianOf(ratios.map((r) => r.ratio)),
    below1: ratios.filter((r) => r.ratio < 1).length,
    meanIdentity: mean(ratios.filter((r) => !r.projection).map((r) => r.ratio)),
    meanProjection: mean(ratios.filter((r) => r.projection).map((r) => r.ratio)),
  };
}

/** "conv2_block1" → "conv2_x block 1", the diagram's wording. */
export function blockLabel(block: string): string {
  const m = /^conv(\d)_block(\d+)$/.exec(block);
  return m ? `conv${m[1]}_x block ${m[2]}` : block;
}

/** The sentences under the chart, from the reader's numbers. */
export function residualSentences(s: ResidualSummary): { findings: string; comparison: string } {
  const findings =
    `On this photo the branch of ${blockLabel(s.most.block)} adds the most: ‖F(x)‖ is ${formatFixed(s.most.ratio, 2)} times ‖x‖` +
    `${s.most.projection ? ' (a projection block, where the shortcut itself is a 1×1 convolution)' : ''}; ` +
    `${blockLabel(s.least.block)} adds the least, ${formatFixed(s.least.ratio, 2)} times. ` +
    `The median over the ${s.count} blocks is ${formatFixed(s.median, 2)}` +
    (Number.isFinite(s.meanIdentity) && Number.isFinite(s.meanProjection)
      ? `; identity blocks average ${formatFixed(s.meanIdentity, 2)}, projection blocks ${formatFixed(s.meanProjection, 2)}.`
      : '.');
  const share = `${s.below1} of the ${s.count} branches`;
  // He et al. measure something else: the standard deviation of each 3×3 layer's response, after batch
  // normalisation and before the ReLU and the addition, on CIFAR-10 (§4.2, Fig. 7). Both sentences say so.
  const theirs =
    'measured there as the standard deviation of each 3×3 layer’s output after batch normalisation, before the addition, on CIFAR-10: a different quantity';
  const comparison =
    s.below1 * 2 > s.count
      ? `${share} are smaller than the signal they are added to, so most blocks make a correction to x rather than replace it. ` +
        `That points the same way as He et al.’s finding that residual functions have generally small responses (${theirs})`
      : `Only ${share} are smaller than the signal they are added to: on this photo the branches are not small next to x, ` +
        `unlike He et al.’s finding that residual functions have generally small responses (${theirs})`;
  return { findings, comparison };
}
