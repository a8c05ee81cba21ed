/**
 * The Pareto frontier of a cost/accuracy chart: the models no other model beats on both at once.
 * Model q dominates p when q costs no more AND scores no less, and is strictly better on one of the
 * two. The frontier is every model nothing dominates — "the best accuracy you can buy for this cost".
 */
export interface Point<T> {
  readonly item: T;
  readonly cost: number;
  readonly score: number;
}

export function dominates<T>(q: Point<T>, p: Point<T>): boolean {
  return q.cost <= p.cost && q.score >= p.score && (q.cost < p.cost || q.score > p.score);
}

/** The undominated items, ordered by cost (then by score), ready to draw as a step line. */
export function paretoFrontier<T>(items: readonly T[], cost: (t: T) => number, score: (t: T) => number): T[] {
  const points = items.map((item) => ({ item, cost: cost(item), score: score(item) }));
  return points
    .filter((p) => !points.some((q) => q !== p && dominates(q, p)))
    .sort((a, b) => a.cost - b.cost || a.score - b.score)
    .map((p) => p.item);
}
