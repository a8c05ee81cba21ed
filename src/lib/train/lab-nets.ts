// The lab's two nets, plain and residual, from its settings: their specs, size check, building, description and disposal.
import { analyze } from '../arch/analyze';
import { cifarResnetSpec } from '../arch/resnet';
import type { ArchSpec } from '../arch/types';
import type { Tf } from '../tf';
import { checkFits, type EstimateLimits, type FitCheck } from './estimate';
import type { LabNetInfo, LabSettings, NetKey } from './lab-methods';
import { createNet, type Net } from './net';
import { Sgd } from './trainer';

/** A net in training: its spec, its weights and optimizer, and whether its loss has gone non-finite. */
export interface Trainee {
  readonly key: NetKey;
  readonly spec: ArchSpec;
  readonly net: Net;
  readonly opt: Sgd;
  diverged: boolean;
}

const INPUT = { h: 28, w: 28, c: 1 } as const;

export function labSpecs(s: LabSettings): { key: NetKey; spec: ArchSpec }[] {
  return [
    { key: 'plain', spec: cifarResnetSpec(s.depth, { shortcuts: false, width: s.width, batchNorm: s.batchNorm, classes: 10 }) },
    { key: 'residual', spec: cifarResnetSpec(s.depth, { shortcuts: true, width: s.width, batchNorm: s.batchNorm, classes: 10 }) },
  ];
}

/** Whether both nets fit the throughput and memory limits at these settings. */
export function checkLabFits(s: LabSettings, limits: EstimateLimits | undefined): FitCheck {
  return checkFits(
    labSpecs(s).map((x) => x.spec),
    INPUT,
    s.batchSize,
    limits,
  );
}

/** Both nets, freshly initialised from the settings' seed, each with its optimizer. */
export function buildTrainees(tf: Tf, s: LabSettings): Trainee[] {
  return labSpecs(s).map(({ key, spec }) => {
    const net = createNet(tf, spec, { input: INPUT, seed: s.seed, init: s.init });
    return { key, spec, net, opt: new Sgd(tf, net, s), diverged: false };
  });
}

/** What the page is told about each net when a run is ready. */
export function describeTrainees(nets: readonly Trainee[]): LabNetInfo[] {
  return nets.map((t) => {
    const a = analyze(t.spec, INPUT);
    return {
      key: t.key,
      id: t.spec.id,
      name: t.spec.name.replace(/ \(CIFAR-10.*\)$/, ''),
      depth: a.depth,
      params: a.totals.params,
      macsPerImage: a.totals.macs,
      weightLayers: t.net.weightSteps.length,
    };
  });
}

export function disposeTrainees(nets: readonly Trainee[]): void {
  for (const t of nets) {
    t.opt.dispose();
    t.net.dispose();
  }
}
