// The words of the block-deletion figure, from the reader's numbers: each toggle's label, and the live
// sentences under the two charts ("each block in turn" on the photo, and over the labelled photos).
// Pure: every number goes through src/lib/format.ts.
import { formatInt, formatShare, numberWord } from '../format';
import { shortName } from '../inference/labels';
import { defineUrlState, int, list, text } from '../url-state';
import type { BlockDeletion, GallerySweepAnswer, LesionBlock, OriginalTop1 } from './lesion-types';

/** "stage 2 block 1 (projection)": how the figure names a block (He et al.'s conv2_x is stage 2). */
export const lesionBlockLabel = (b: Pick<LesionBlock, 'stage' | 'inStage' | 'projection'>): string =>
  `stage ${b.stage} block ${b.inStage}${b.projection ? ' (projection)' : ''}`;

/** A probability as the figure prints it, or what it is when the output is not a number. */
export const probText = (p: number): string => (Number.isFinite(p) ? formatShare(p) : 'not a number');

/** "2nd": a rank as an ordinal. */
export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${formatInt(n)}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

const countOf = (n: number, total: number) => `${formatInt(n)} of the ${formatInt(total)}`;

/**
 * The sentence under "each block in turn" on one photo: how many single deletions keep the intact
 * top-1, which one costs it the most, and what takes its place where it falls.
 */
export function sweepSentence(blocks: readonly LesionBlock[], original: OriginalTop1, deletions: readonly BlockDeletion[]): string {
  const name = shortName(original.classIndex);
  const n = deletions.length;
  if (n === 0) return '';
  const nan = deletions.filter((d) => !d.finite);
  const kept = deletions.filter((d) => d.finite && d.rank === 1);
  const lost = deletions.filter((d) => d.finite && d.rank !== 1);
  const finite = deletions.filter((d) => d.finite);
  const parts: string[] = [];
  parts.push(
    kept.length === n
      ? `With any one of the ${formatInt(n)} blocks removed, ${name} stays the top-1.`
      : `With ${countOf(kept.length, n)} blocks removed one at a time, ${name} stays the top-1.`,
  );
  if (finite.length) {
    const worst = finite.reduce((a, b) => (b.prob < a.prob ? b : a));
    parts.push(
      `Removing ${lesionBlockLabel(blocks[worst.block]!)} costs it the most: its probability falls from ${probText(original.intactProb)} to ${probText(worst.prob)}` +
        (worst.rank === 1 ? '.' : ` (${ordinal(worst.rank!)} place).`),
    );
  }
  if (lost.length) {
    const swaps = lost.map(
      (d) => `removing ${lesionBlockLabel(blocks[d.block]!)} makes ${d.top1 === null ? 'nothing' : shortName(d.top1)} the top-1`,
    );
    const said = swaps.join('; ');
    parts.push(`${said[0]!.toUpperCase()}${said.slice(1)}.`);
  }
  if (nan.length) parts.push(`With ${countOf(nan.length, n)} blocks removed the output is not a number.`);
  return parts.join(' ');
}

/** The sentence under the chart over the labelled photos (final or partial). */
export function gallerySentence(blocks: readonly LesionBlock[], a: GallerySweepAnswer): string {
  const n = a.kept.length;
  if (n === 0 || a.done === 0) return '';
  const photos = `${numberWord(a.done)} labelled photo${a.done === 1 ? '' : 's'}`;
  const all = a.kept.filter((k) => k === a.intactKept).length;
  const worst = Math.min(...a.kept);
  const worstBlocks = a.kept.flatMap((k, i) => (k === worst ? [lesionBlockLabel(blocks[i]!)] : []));
  const head =
    `With every block in place, ${numberWord(a.intactKept)} of the ${photos} have their true class in the top-5. ` +
    `${all === n ? `Every one of the ${formatInt(n)} single deletions` : `${countOf(all, n)} single deletions`} keep${all === 1 || all === n ? 's' : ''} that many`;
  if (worst === a.intactKept) return `${head}.`;
  return `${head}; the worst, removing ${worstBlocks.join(' or ')}, leaves ${numberWord(worst)}.`;
}

/** The figure's URL state (prefix `lesion`): the blocks switched off, and the gallery photo by name. */
export const LESION_URL = defineUrlState('lesion', {
  off: { codec: list(int(0, 63)), default: [] as readonly number[] },
  photo: { codec: text(), default: '' },
});

/** The blocks of a ResNet with these blocks per stage (ResNet-50: 3, 4, 6, 3), a projection opening each stage, named as Keras does. */
export function stageBlocks(stages: readonly number[]): LesionBlock[] {
  return stages
    .flatMap((n, s) =>
      Array.from({ length: n }, (_, j) => ({ name: `conv${s + 2}_block${j + 1}`, stage: s + 2, inStage: j + 1, projection: j === 0 })),
    )
    .map((b, index) => ({ ...b, index }));
}
