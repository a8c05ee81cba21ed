// The block-deletion charts' bars from the state's answers (pure: no DOM): one bar per block, empty
// while its deletion is still being computed, its title what a pointer or a screen reader gets.
import { formatInt } from '../../lib/format';
import { shortName } from '../../lib/inference/labels';
import { lesionBlockLabel, ordinal, probText } from '../../lib/probe/lesion-text';
import type { GallerySweepAnswer, LesionBlock, OriginalTop1 } from '../../lib/probe/lesion-types';
import type { LesionBar } from './draw-lesion-bars';
import type { SweepView } from './lesion-view';

const base = (b: LesionBlock) => ({ short: `${b.stage}.${b.inStage}`, label: lesionBlockLabel(b), projection: b.projection });

/** "Each block in turn": the intact top-1's probability with each block removed, its rank as the note. */
export function sweepBars(blocks: readonly LesionBlock[], sweep: SweepView, shown: OriginalTop1 | null): LesionBar[] {
  const original = sweep.original ?? shown;
  const name = original ? shortName(original.classIndex) : 'the top-1';
  return blocks.map((b) => {
    const d = sweep.deletions.find((x) => x.block === b.index);
    return {
      ...base(b),
      value: d ? d.prob : null,
      note: d?.rank ? formatInt(d.rank) : '',
      title: !d
        ? `${lesionBlockLabel(b)}: not computed yet`
        : d.finite
          ? `${lesionBlockLabel(b)} removed: ${name} ${probText(d.prob)}${d.rank ? `, ${ordinal(d.rank)}` : ''}`
          : `${lesionBlockLabel(b)} removed: the output is not a number`,
    };
  });
}

/** Over the labelled photos: how many keep their true class in the top-5 with each block removed. */
export function galleryBars(blocks: readonly LesionBlock[], g: GallerySweepAnswer): LesionBar[] {
  return blocks.map((b, i) => {
    const k = g.done ? g.kept[i] : undefined;
    return {
      ...base(b),
      value: k ?? null,
      note: k === undefined ? '' : formatInt(k),
      title: `${lesionBlockLabel(b)} removed: ${k === undefined ? 'not computed yet' : `${formatInt(k)} of ${formatInt(g.done)} photos keep their true class in the top-5`}`,
    };
  });
}
