/**
 * What the committed landscapes say, for the page's prose and the figure's table: each net's summary
 * numbers (summary.ts), plain against residual at each depth, and the comparisons the text makes,
 * all computed from src/lib/data/landscape.json and printed through format.ts.
 */
import type { LandscapeData, LandscapeNet } from '../data/landscape';
import { formatFraction, formatInt, formatTimes } from '../format';
import { formatLoss } from './levels';
import { summarise, type LandscapeSummary } from './summary';

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

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

/** "3.2×": how many times the plain net's number is the residual net's (NaN-safe: "—"). */
const formatRatioOf = (plain: number, resnet: number): string =>
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

/** One sentence per depth for the prose: how plain and residual compare at that depth. */
export function describeDepth(p: DepthPair): string {
  const [a, b] = [p.plain.summary, p.resnet.summary];
  const [pn, rn] = [p.plain.net.name, p.resnet.net.name];
  const rise = `half a unit out along δ, ${pn}'s loss rises by ${formatLoss(a.riseAtHalf)} and ${rn}'s by ${formatLoss(b.riseAtHalf)}`;
  return (
    `At ${p.depth} layers, ${rise}; ${formatInt(a.notDownhill)} of ${pn}'s ${formatInt(a.points)} grid points have no path downhill to ` +
    `the centre, against ${formatInt(b.notDownhill)} of ${rn}'s, and the maps hold ${formatInt(a.localMinima)} and ${formatInt(b.localMinima)} other local minima.`
  );
}

/** The shallow pair's points with no path downhill, as the verdict sets them beside the deep pair's. */
function shallowGap(p: DepthPair): string {
  const [a, b] = [p.plain.summary.notDownhill, p.resnet.summary.notDownhill];
  const counts = `${formatInt(a)} against ${formatInt(b)}`;
  const lowest = Math.min(...p.resnet.net.grid.loss.filter((x) => Number.isFinite(x)));
  if (a > b) return `the gap is much wider than at ${p.depth} layers, where it is ${counts}`;
  if (a === b) return `at ${p.depth} layers there is no gap (${counts})`;
  return (
    `at ${p.depth} layers it goes the other way, ${counts} for ${p.resnet.net.name}, which ended its training at a test error of ` +
    `${formatFraction(p.resnet.net.testError)} against ${p.plain.net.name}'s ${formatFraction(p.plain.net.testError)}` +
    (lowest < p.resnet.summary.centre
      ? `, off the floor of its own basin (the lowest loss on its map is ${formatLoss(lowest)}, its own ${formatLoss(p.resnet.summary.centre)})`
      : '')
  );
}

/**
 * What the replication shows at its deepest pair, set against the shallowest. Li et al.'s claim is about
 * roughness (chaotic against smooth, nearly convex), so the verdict turns on the points with no path
 * downhill; steepness along δ is reported beside it, whichever way it goes.
 */
export function landscapeVerdict(pairs: readonly DepthPair[]): string {
  const deep = pairs[pairs.length - 1];
  const shallow = pairs[0];
  if (!deep || !shallow || deep === shallow) return 'This run does not hold a shallow and a deep pair to compare.';
  const d = depthVerdict(deep);
  const gap = (p: DepthPair): number => p.plain.summary.notDownhill - p.resnet.summary.notDownhill;
  const [a, b] = [deep.plain, deep.resnet];
  const steep = d.plainSteeper
    ? ` Near the centre ${a.net.name}'s loss also rises faster along δ (${d.riseRatio} ${b.net.name}'s rise).`
    : ` ${capitalise(a.net.name)} is not steeper, though: near the centre its loss rises less along δ than ${b.net.name}'s, from a higher floor ` +
      `(its own loss is ${formatLoss(a.summary.centre)} against ${formatLoss(b.summary.centre)}).`;
  if (d.plainRougher && gap(deep) > gap(shallow)) {
    return (
      `So this replication points the same way as Li et al.: without shortcuts the ${deep.depth}-layer net's landscape is rough, ` +
      `${formatInt(a.summary.notDownhill)} ${a.summary.notDownhill === 1 ? 'point' : 'points'} with no path downhill and ` +
      `${formatInt(a.summary.localMinima)} other local ${a.summary.localMinima === 1 ? 'minimum' : 'minima'} against ` +
      `${formatInt(b.summary.notDownhill)} and ${formatInt(b.summary.localMinima)} for ${b.net.name}; ${shallowGap(shallow)}.${steep}`
    );
  }
  if (d.plainRougher || d.plainSteeper) {
    return (
      `So this replication shows only part of Li et al.'s picture: at ${deep.depth} layers the plain net's landscape is ` +
      `${d.plainRougher ? 'rougher' : 'steeper'} than the residual net's, but ${d.plainRougher ? 'the gap is no larger than at' : 'no rougher, as at'} ${shallow.depth} layers.`
    );
  }
  return `So this replication does not show Li et al.'s contrast: at ${deep.depth} layers the plain net's landscape is neither steeper nor rougher than the residual net's.`;
}

/** How the deep pair's test errors compare, and what that means for reading the maps. */
export function describeErrors(p: DepthPair): string {
  const [a, b] = [p.plain.net, p.resnet.net];
  const both = `test error ${formatFraction(a.testError)} against ${formatFraction(b.testError)}`;
  return a.testError > b.testError + 0.01
    ? `${capitalise(a.name)} also trained worse than ${b.name} here (${both}), so part of the difference between the maps is a difference in where training left each net.`
    : `${capitalise(a.name)} and ${b.name} reached similar accuracy here (${both}), so the maps differ around nets that classify about equally well.`;
}
