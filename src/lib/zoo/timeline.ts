/**
 * The ILSVRC timeline's marks: each year's winner, VGG's 2014 second place beside GoogLeNet, and the
 * short names the chart annotates. Derived from src/lib/data/ilsvrc.ts, never retyped.
 */
import { ILSVRC_WINNERS, VGG_2014, HUMAN_TOP5 } from '../data/ilsvrc';

export interface TimelineEntry {
  /** Unique key: "2014-1", "2014-2". */
  readonly key: string;
  readonly year: number;
  /** 1 for the winner, 2 for VGG in 2014. */
  readonly place: number;
  readonly team: string;
  readonly model: string;
  readonly top5Error: number;
  /** Short label drawn on the chart for the networks the site discusses, else undefined. */
  readonly annotation: string | undefined;
  readonly sources: readonly string[];
}

/** Which entries the chart names, keyed by "year-place". */
const ANNOTATIONS: Readonly<Record<string, string>> = {
  '2012-1': 'AlexNet',
  '2014-1': 'GoogLeNet',
  '2014-2': 'VGG',
  '2015-1': 'ResNet',
};

export function timelineEntries(): TimelineEntry[] {
  const winners = ILSVRC_WINNERS.map((w) => ({ ...w, place: 1 }));
  const all = [...winners, VGG_2014].sort((a, b) => a.year - b.year || a.place - b.place);
  return all.map((e) => {
    const key = `${e.year}-${e.place}`;
    return {
      key,
      year: e.year,
      place: e.place,
      team: e.team,
      model: e.model,
      top5Error: e.top5Error,
      annotation: ANNOTATIONS[key],
      sources: e.sources,
    };
  });
}

/** The human reference line: one trained annotator's top-5 error. */
export const HUMAN_LINE = { top5Error: HUMAN_TOP5.trainedAnnotator, sources: HUMAN_TOP5.sources } as const;

/** Years in which the winner beat the trained annotator. */
export const yearsBelowHuman = (): number[] => ILSVRC_WINNERS.filter((w) => w.top5Error < HUMAN_TOP5.trainedAnnotator).map((w) => w.year);
