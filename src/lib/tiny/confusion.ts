/** Summaries of a confusion matrix (confusion[true][predicted]) that the figure's text states. */

/** The most frequent mistake in a confusion matrix: true class, predicted class, count. */
export function worstConfusion(confusion: readonly (readonly number[])[]): { truth: number; predicted: number; count: number } {
  let best = { truth: 0, predicted: 0, count: -1 };
  confusion.forEach((row, t) =>
    row.forEach((c, p) => {
      if (t !== p && c > best.count) best = { truth: t, predicted: p, count: c };
    }),
  );
  return best;
}

/** Per-class error rates (1 − recall), from a confusion matrix. */
export function classErrors(confusion: readonly (readonly number[])[]): number[] {
  return confusion.map((row, t) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? 0 : 1 - (row[t] ?? 0) / n;
  });
}
