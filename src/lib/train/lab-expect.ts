/**
 * The lab's "what to expect and how long" line: what the two curves should do at these settings, and
 * how long the whole run takes on this device — from the measured speed once steps have run, before
 * that from the spec's estimate (and saying which).
 */
import { checkFits, type FitCheck } from './estimate';
import type { LabSettings } from './lab-methods';
import { labSpecs } from './lab-nets';
import { analyze } from '../arch/analyze';
import type { NetKey } from './lab-methods';
import { CIFAR_PLAIN_DEPTHS, plainDegradesFrom } from '../data/resnet-paper-cifar';
import { outcomeText, referenceOutcome } from './lab-reference';
import { formatDuration, formatInt } from '../format';

/** Parameters and MACs per 28×28 image of both nets, from the spec: shown before the worker starts
 * (the worker's 'ready' event gives the same numbers from the same specs). */
export function labNetSizes(s: LabSettings): Record<NetKey, { params: number; macsPerImage: number }> {
  const out = {} as Record<NetKey, { params: number; macsPerImage: number }>;
  for (const { key, spec } of labSpecs(s)) {
    const a = analyze(spec, { h: 28, w: 28, c: 1 });
    out[key] = { params: a.totals.params, macsPerImage: a.totals.macs };
  }
  return out;
}

/** The worker's own refusal check (same specs, input and default limits), run on the page so that
 * settings that cannot fit are refused before a worker and tfjs are even loaded. */
export function precheckLab(s: LabSettings): FitCheck {
  return checkFits(
    labSpecs(s).map((x) => x.spec),
    { h: 28, w: 28, c: 1 },
    s.batchSize,
  );
}

/**
 * What to expect from the curves at these settings: what He et al.'s CIFAR-10 plain nets did at this
 * depth (§4.2, Fig. 6: deeper plain nets train worse from the second depth of the figure on), and what
 * the project's own reference runs at this depth ended at, with their noise, where there are any. The
 * depth thresholds come from the paper's data file, the numbers from the reference runs.
 */
export function expectation(s: LabSettings): string {
  if (!s.batchNorm) {
    return 'Without batch norm the deeper nets may barely train, and at a large learning rate either net can diverge.';
  }
  const from = plainDegradesFrom();
  const shallowest = CIFAR_PLAIN_DEPTHS[0];
  const paper =
    s.depth >= from
      ? `He et al.'s plain nets train worse the deeper they are from ${from} layers on, while their residual nets train better (§4.2, Fig. 6): at ${s.depth} layers the plain net may fall behind.`
      : s.depth >= shallowest
        ? `At ${s.depth} layers He et al.'s plain net shows no degradation yet; their plain nets train worse from ${from} layers on (§4.2, Fig. 6).`
        : `He et al. train no net this shallow (their shallowest has ${shallowest} layers, §4.2): at ${s.depth} layers there is little depth to degrade.`;
  const o = referenceOutcome(s.depth);
  if (!o) return `${paper} One short run is noisy: either net may come out ahead.`;
  const ahead = o.plain.mean < o.residual.mean ? 'the plain net' : 'the residual net';
  return `${paper} One short run is noisy: ${outcomeText(o)}, so here ${ahead} came out ahead.`;
}

export interface TimeInput {
  readonly settings: LabSettings;
  /** Iterations already done. */
  readonly iteration: number;
  /** Measured milliseconds per training step of both nets together (median of recent steps), or null. */
  readonly measuredMsPerIteration: number | null;
  /** Wall-clock milliseconds per iteration, evaluations included (null: not known yet). The
   * duration uses it when known; the images/s are the training steps' own. */
  readonly wallMsPerIteration?: number | null;
  /** Nets still training (a diverged net stops). */
  readonly netsTraining: number;
  /** The spec's estimate of seconds per iteration of both nets, before any step ran. */
  readonly estimatedSecondsPerIteration: number | null;
}

export interface TimeText {
  readonly text: string;
  /** Seconds for the whole run at that speed (null if unknown). */
  readonly totalSeconds: number | null;
  /** Images per second of all nets together (null before a measurement). */
  readonly imagesPerSecond: number | null;
}

/** "400 iterations of both nets ≈ 6 min on this device at the measured 140 images/s (about 4 min left)." */
export function timeText(t: TimeInput): TimeText {
  const s = t.settings;
  const nets = t.netsTraining === 2 ? 'both nets' : t.netsTraining === 1 ? 'one net' : 'the nets';
  const head = `${s.maxIterations} iterations of ${nets}`;
  if (t.measuredMsPerIteration !== null && t.measuredMsPerIteration > 0) {
    const stepSec = t.measuredMsPerIteration / 1000;
    const ips = (Math.max(1, t.netsTraining) * s.batchSize) / stepSec;
    const secPerIt = Math.max(stepSec, (t.wallMsPerIteration ?? 0) / 1000);
    const total = s.maxIterations * secPerIt;
    const left = Math.max(0, s.maxIterations - t.iteration) * secPerIt;
    const tail = t.iteration > 0 && t.iteration < s.maxIterations ? ` (about ${formatDuration(left)} left)` : '';
    return {
      text: `${head} ≈ ${formatDuration(total)} on this device at the measured ${formatInt(ips)} images/s${tail}.`,
      totalSeconds: total,
      imagesPerSecond: ips,
    };
  }
  if (t.estimatedSecondsPerIteration !== null && t.estimatedSecondsPerIteration > 0) {
    const total = s.maxIterations * t.estimatedSecondsPerIteration;
    return {
      text: `${head} ≈ ${formatDuration(total)}, estimated from the nets' size; the speed is measured once training starts.`,
      totalSeconds: total,
      imagesPerSecond: null,
    };
  }
  return { text: `${head}: the time is measured once training starts.`, totalSeconds: null, imagesPerSecond: null };
}
