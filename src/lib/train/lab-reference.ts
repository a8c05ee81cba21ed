/**
 * The project's reference runs (src/lib/data/train-reference.json) that belong behind the reader's
 * live curves, and the sentence that says which they are. Reference runs exist at depths 20 and 56
 * only, with one set of settings; for another depth the nearest depth is shown and the text says so,
 * and settings that differ from the reference's are named, so nobody mistakes one for the other.
 */
import { TRAIN_REFERENCE, type ReferenceRun, type TrainReference } from '../data/train-reference';
import type { LabSettings, NetKey } from './lab-protocol';

export interface ReferenceCurve {
  readonly key: NetKey;
  readonly run: ReferenceRun;
}

export interface ReferenceChoice {
  /** Depth of the runs shown (null: none). */
  readonly depth: number | null;
  readonly curves: readonly ReferenceCurve[];
  /** Whether the runs were trained with exactly the reader's depth and settings. */
  readonly exact: boolean;
  /** For the figure: which dashed lines are drawn and how they relate to the reader's run. */
  readonly text: string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

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

/** Depths with a plain and a residual reference run. */
export function referenceDepths(ref: TrainReference = TRAIN_REFERENCE): number[] {
  const depths = [...new Set(ref.runs.map((r) => r.depth))];
  return depths.filter((d) => ref.runs.some((r) => r.depth === d && r.shortcuts) && ref.runs.some((r) => r.depth === d && !r.shortcuts)).sort((a, b) => a - b);
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
  const curves: ReferenceCurve[] = [{ key: 'plain', run: plain }, { key: 'residual', run: residual }];
  const diff = differingSettings(s, ref);
  const iters = ref.settings.iterationsDone;
  const ended = `they ended at ${pct(lastPoint(plain).trainError)} and ${pct(lastPoint(residual).trainError)} training error after ${iters} iterations`;
  const names = `${plain.name} and ${residual.name}`;
  let text: string;
  if (depth === s.depth && diff.length === 0) {
    text = `Dashed: the project's reference runs with these exact settings, ${names}; ${ended}.`;
  } else if (depth === s.depth) {
    text = `Dashed: the project's reference runs at this depth, ${names}, trained with other settings: ${diff.join(', ')}; ${ended}.`;
  } else {
    text = `No reference run has depth ${s.depth}; dashed: the nearest, ${names}${diff.length > 0 ? `, whose other settings differ too: ${diff.join(', ')}` : ''}; ${ended}.`;
  }
  return { depth, curves, exact: depth === s.depth && diff.length === 0, text };
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
