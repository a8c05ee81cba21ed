/**
 * The project's reference runs (src/lib/data/train-reference.json) that belong behind the reader's
 * live curves, and the sentence that says which they are. Reference runs exist at depths 20 and 56
 * only, with one set of settings; for another depth the nearest depth is shown and the text says so,
 * and settings that differ from the reference's are named, so nobody mistakes one for the other.
 */
import { TRAIN_REFERENCE, type ReferenceRun, type TrainReference } from '../data/train-reference';
import type { LabSettings, NetKey } from './lab-methods';
import { formatFraction, formatInt } from '../format';

export interface ReferenceCurve {
  readonly key: NetKey;
  readonly run: ReferenceRun;
}

export interface ReferenceChoice {
  /** Depth of the runs shown (null: none). */
  readonly depth: number | null;
  readonly curves: readonly ReferenceCurve[];
  /** Whether the runs were trained with exactly the reader's depth and training settings (how often and
   * on how many images the errors are measured is not a training setting: `measurementDifference`). */
  readonly exact: boolean;
  /** For the figure: which dashed lines are drawn and how they relate to the reader's run. */
  readonly text: string;
}

/** Settings of the reader's run that differ from the reference runs', in words ("width 4, batch 8"). */
export function differingSettings(s: LabSettings, ref: TrainReference = TRAIN_REFERENCE): string[] {
  const r = ref.settings;
  const out: string[] = [];
  if (s.width !== r.width) out.push(`width ${s.width} (reference ${r.width})`);
  if (s.batchNorm !== r.batchNorm) out.push(`batch norm ${s.batchNorm ? 'on' : 'off'} (reference ${r.batchNorm ? 'on' : 'off'})`);
  if (s.learningRate !== r.learningRate) out.push(`learning rate ${s.learningRate} (reference ${r.learningRate})`);
  if (s.batchSize !== r.batchSize) out.push(`batch ${s.batchSize} (reference ${r.batchSize})`);
  if (s.momentum !== r.momentum) out.push(`momentum ${s.momentum} (reference ${r.momentum})`);
  if (s.weightDecay !== r.weightDecay) out.push(`weight decay ${s.weightDecay} (reference ${r.weightDecay})`);
  if (s.init !== r.init) out.push(`${s.init} initialisation (reference ${r.init})`);
  if (s.seed !== r.seed) out.push(`seed ${s.seed} (reference ${r.seed})`);
  return out;
}

/** How the reader's run measures its errors differently from the reference runs, in words, or null when
 * it measures them the same way: "errors measured on 500 training and 500 test images (reference: 1,000
 * and 1,000)". The reference runs' curves are then as noisy as their own image counts make them. */
export function measurementDifference(s: LabSettings, ref: TrainReference = TRAIN_REFERENCE): string | null {
  const r = ref.settings;
  const parts: string[] = [];
  if (s.evalCount !== r.evalTrainCount || s.evalCount !== r.evalTestCount) {
    parts.push(
      `errors measured on ${formatInt(s.evalCount)} training and ${formatInt(s.evalCount)} test images (reference: ${formatInt(r.evalTrainCount)} and ${formatInt(r.evalTestCount)})`,
    );
  }
  if (s.evalEvery !== r.evalEvery) parts.push(`every ${s.evalEvery} iterations (reference: every ${r.evalEvery})`);
  return parts.length === 0 ? null : parts.join(', ');
}

/** Depths with a plain and a residual reference run. */
function referenceDepths(ref: TrainReference = TRAIN_REFERENCE): number[] {
  const depths = [...new Set(ref.runs.map((r) => r.depth))];
  return depths
    .filter((d) => ref.runs.some((r) => r.depth === d && r.shortcuts) && ref.runs.some((r) => r.depth === d && !r.shortcuts))
    .sort((a, b) => a - b);
}

/** The last evaluation of a run (the run's final training and test error). */
export function lastPoint(run: ReferenceRun): ReferenceRun['points'][number] {
  const p = run.points.at(-1);
  if (!p) throw new Error(`Reference run ${run.id} has no points`);
  return p;
}

/**
 * The reference runs to draw behind a run with these settings: the same depth if there is one, else
 * the nearest (the shallower on a tie), with a sentence that says which and what differs.
 */
export function chooseReference(s: LabSettings, ref: TrainReference = TRAIN_REFERENCE): ReferenceChoice {
  const depths = referenceDepths(ref);
  if (depths.length === 0) return { depth: null, curves: [], exact: false, text: 'No reference run matches these settings.' };
  const depth = depths.reduce((best, d) => (Math.abs(d - s.depth) < Math.abs(best - s.depth) ? d : best));
  const plain = ref.runs.find((r) => r.depth === depth && !r.shortcuts);
  const residual = ref.runs.find((r) => r.depth === depth && r.shortcuts);
  if (!plain || !residual) return { depth: null, curves: [], exact: false, text: 'No reference run matches these settings.' };
  const curves: ReferenceCurve[] = [
    { key: 'plain', run: plain },
    { key: 'residual', run: residual },
  ];
  const diff = differingSettings(s, ref);
  const iters = ref.settings.iterationsDone;
  const ended = `they ended at ${formatFraction(lastPoint(plain).trainError)} and ${formatFraction(lastPoint(residual).trainError)} training error after ${iters} iterations`;
  const names = `${plain.name} and ${residual.name}`;
  const measured = measurementDifference(s, ref);
  const also = measured ? `; this run's ${measured}` : '';
  let text: string;
  if (depth === s.depth && diff.length === 0) {
    text = `Dashed: the project's reference runs with these training settings, ${names}${also}; ${ended}.`;
  } else if (depth === s.depth) {
    text = `Dashed: the project's reference runs at this depth, ${names}, trained with other settings: ${diff.join(', ')}${also}; ${ended}.`;
  } else {
    text = `No reference run has depth ${s.depth}; dashed: the nearest, ${names}${diff.length > 0 ? `, whose other settings differ too: ${diff.join(', ')}` : ''}${also}; ${ended}.`;
  }
  return { depth, curves, exact: depth === s.depth && diff.length === 0, text };
}

/** How many of the last evaluations the page and the lab average (one evaluation of a short run is noisy). */
export const REFERENCE_MEAN_OF_LAST = 4;

/** What the reference runs at one depth ended at: each net's last training error and its mean over the
 * last `k` evaluations (null when there is no plain/residual pair at that depth). */
export interface ReferenceOutcome {
  readonly depth: number;
  readonly k: number;
  readonly plain: { readonly name: string; readonly last: number; readonly mean: number };
  readonly residual: { readonly name: string; readonly last: number; readonly mean: number };
}

export function referenceOutcome(
  depth: number,
  k = REFERENCE_MEAN_OF_LAST,
  ref: TrainReference = TRAIN_REFERENCE,
): ReferenceOutcome | null {
  const plain = ref.runs.find((r) => r.depth === depth && !r.shortcuts);
  const residual = ref.runs.find((r) => r.depth === depth && r.shortcuts);
  if (!plain || !residual) return null;
  const of = (run: ReferenceRun) => ({ name: run.name, last: lastPoint(run).trainError, mean: meanLastTrainError(run, k) });
  return { depth, k, plain: of(plain), residual: of(residual) };
}

/** The outcome in words: "the project's reference runs at 20 layers ended at 17.1% (Plain-20) and 36.2%
 * (ResNet-20) training error, 17.7% and 25.0% averaged over their last 4 evaluations". */
export function outcomeText(o: ReferenceOutcome): string {
  return (
    `the project's reference runs at ${o.depth} layers ended at ${formatFraction(o.plain.last)} (${o.plain.name}) and ${formatFraction(o.residual.last)} (${o.residual.name}) training error, ` +
    `${formatFraction(o.plain.mean)} and ${formatFraction(o.residual.mean)} averaged over their last ${o.k} evaluations`
  );
}

/** Mean training error of a run's last `count` evaluations: one evaluation of a short run is noisy. */
export function meanLastTrainError(run: ReferenceRun, count: number): number {
  const pts = run.points.slice(-count);
  return pts.reduce((a, p) => a + p.trainError, 0) / pts.length;
}

export function referenceRun(id: ReferenceRun['id'], ref: TrainReference = TRAIN_REFERENCE): ReferenceRun {
  const run = ref.runs.find((r) => r.id === id);
  if (!run) throw new Error(`No reference run ${id}`);
  return run;
}

/** The evaluation with the lowest training error (where a noisy run was at its best). */
export function bestPoint(run: ReferenceRun): ReferenceRun['points'][number] {
  return run.points.reduce((best, p) => (p.trainError < best.trainError ? p : best));
}
