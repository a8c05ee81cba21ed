/**
 * What the committed landscapes say, for the page's prose and the figure's table: each net's summary
 * numbers (summary.ts), plain against residual at each depth, and the comparisons the text makes,
 * all computed from src/lib/data/landscape.json and printed through format.ts.
 */
import type { LandscapeData, LandscapeNet } from '../data/landscape';
import { formatFraction, formatInt, formatSignificant, formatTimes } from '../format';
import { summarise, type LandscapeSummary } from './summary';

export interface NetFacts {
  readonly net: LandscapeNet;
  readonly summary: LandscapeSummary;
}

export interface DepthPair {
  readonly depth: number;
  readonly plain: NetFacts;
  readonly resnet: NetFacts;
}

/** The nets of the data at each depth that has both, shallow first. */
export function depthPairs(data: LandscapeData): DepthPair[] {
  const facts = data.nets.map((net) => ({ net, summary: summarise(net.grid, net.slice) }));
  const depths = [...new Set(data.nets.map((n) => n.depth))].sort((a, b) => a - b);
  return depths.flatMap((depth) => {
    const plain = facts.find((f) => f.net.depth === depth && f.net.kind === 'plain');
    const resnet = facts.find((f) => f.net.depth === depth && f.net.kind === 'resnet');
    return plain && resnet ? [{ depth, plain, resnet }] : [];
  });
}

/** A loss for the page: three significant figures, "not finite" for an overflow. */
export const formatLoss = (x: number): string => (Number.isFinite(x) ? formatSignificant(x, 3) : 'not finite');

/** "3.2×": how many times the plain net's number is the residual net's (NaN-safe: "—"). */
export const formatRatioOf = (plain: number, resnet: number): string =>
  Number.isFinite(plain) && Number.isFinite(resnet) && resnet > 0 ? formatTimes(plain / resnet, 1) : '—';

export interface TableRow {
  readonly id: string;
  readonly name: string;
  readonly cells: readonly string[];
}

export const TABLE_COLUMNS = [
  'test error',
  'loss at the centre',
  'largest loss within r = 0.5',
  'largest loss within r = 1',
  'rise at |α| = 0.5 along δ',
  'rise at |α| = 1 along δ',
  'points with no path downhill to the centre',
  'other local minima',
] as const;

/** One row per net, in the data's order, for the figure's table. */
export function tableRows(data: LandscapeData): TableRow[] {
  return data.nets.map((net) => {
    const s = summarise(net.grid, net.slice);
    return {
      id: net.id,
      name: net.name,
      cells: [
        formatFraction(net.testError),
        formatLoss(s.centre),
        formatLoss(s.maxWithinHalf),
        formatLoss(s.maxWithinOne),
        formatLoss(s.riseAtHalf),
        formatLoss(s.riseAtOne),
        `${formatInt(s.notDownhill)} of ${formatInt(s.points)}`,
        formatInt(s.localMinima),
      ],
    };
  });
}

export interface DepthVerdict {
  readonly depth: number;
  /** The plain net's loss rises more steeply (at r = 0.5, both ways along δ) than the residual net's. */
  readonly plainSteeper: boolean;
  /** The plain net's map has more points stranded from the centre than the residual net's. */
  readonly plainRougher: boolean;
  /** Plain over residual, of the rise at r = 0.5 and of the largest loss within r = 1. */
  readonly riseRatio: string;
  readonly maxRatio: string;
}

export function depthVerdict(p: DepthPair): DepthVerdict {
  const [a, b] = [p.plain.summary, p.resnet.summary];
  return {
    depth: p.depth,
    plainSteeper: a.riseAtHalf > b.riseAtHalf,
    plainRougher: a.notDownhill > b.notDownhill,
    riseRatio: formatRatioOf(a.riseAtHalf, b.riseAtHalf),
    maxRatio: formatRatioOf(a.maxWithinOne, b.maxWithinOne),
  };
}
