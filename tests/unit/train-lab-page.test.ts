// The training lab's page logic, framework-free: settings in the URL, the reference runs behind the
// reader's curves, the "what to expect and how long" line, and the run's bookkeeping from events.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_SETTINGS, validateLabSettings, type LabSettings } from '../../src/lib/train/lab-methods';
import { decodeLabUrl, encodeLabUrl, searchString, withEarlySettings } from '../../src/lib/train/lab-url';
import { DEFAULT_LAB_FORM, evalEveryFor, formFields, formState } from '../../src/lib/train/lab-form';
import {
  chooseReference,
  differingSettings,
  meanLastTrainError,
  measurementDifference,
  outcomeText,
  referenceOutcome,
  referenceRun,
  REFERENCE_MEAN_OF_LAST,
} from '../../src/lib/train/lab-reference';
import { plainDegradesFrom } from '../../src/lib/data/resnet-paper-cifar';
import { expectation, labNetSizes, precheckLab, timeText } from '../../src/lib/train/lab-expect';
import { formatDuration } from '../../src/lib/format';
import { LabRun, divergedText } from '../../src/lib/train/lab-run';
import { TRAIN_REFERENCE } from '../../src/lib/data/train-reference';

const REF: LabSettings = {
  ...DEFAULT_LAB_SETTINGS,
  width: TRAIN_REFERENCE.settings.width,
  batchNorm: TRAIN_REFERENCE.settings.batchNorm,
  learningRate: TRAIN_REFERENCE.settings.learningRate,
  batchSize: TRAIN_REFERENCE.settings.batchSize,
  momentum: TRAIN_REFERENCE.settings.momentum,
  weightDecay: TRAIN_REFERENCE.settings.weightDecay,
  init: TRAIN_REFERENCE.settings.init,
  seed: TRAIN_REFERENCE.settings.seed,
};

describe('lab settings in the URL', () => {
  it('round-trips every setting the form shows and writes only non-defaults', () => {
    expect(searchString(encodeLabUrl(DEFAULT_LAB_FORM))).toBe('');
    const form = {
      settings: {
        ...DEFAULT_LAB_SETTINGS,
        depth: 56 as const,
        width: 4,
        batchNorm: false,
        learningRate: 0.1,
        batchSize: 16,
        maxIterations: 50,
      },
      backend: 'webgl' as const,
    };
    const q = encodeLabUrl(form);
    expect(q.toString()).toBe('lab.depth=56&lab.width=4&lab.bn=off&lab.lr=0.1&lab.batch=16&lab.iters=50&lab.backend=webgl');
    const back = decodeLabUrl(q);
    // Errors and gradients are measured about ten times a run: every 5 of 50 iterations.
    expect(back.settings).toEqual({ ...form.settings, evalEvery: 5, gradEvery: 5 });
    expect(back.backend).toBe('webgl');
    expect(back.notes).toEqual([]);
    expect(back.run).toBe(false);
  });

  it("turns the form's fields into settings; an emptied field fails validation by name", () => {
    const f = formFields(DEFAULT_LAB_FORM);
    expect(formState(f)).toEqual(DEFAULT_LAB_FORM);
    const bad = formState({ ...f, width: null });
    expect(validateLabSettings(bad.settings)).toEqual({ ok: false, message: 'width must be a number from 2 to 32.' });
    expect(formState({ ...f, maxIterations: 12 }).settings).toMatchObject({ evalEvery: 1, gradEvery: 1 });
    expect([evalEveryFor(10_000), evalEveryFor(3)]).toEqual([40, 1]);
  });

  it('keeps other keys of the page and reads lab.run=1 as "start now"', () => {
    const q = encodeLabUrl({ ...DEFAULT_LAB_FORM, run: true }, new URLSearchParams('x=macs&lab.depth=8'));
    expect(q.toString()).toBe('x=macs&lab.run=1');
    expect(decodeLabUrl(q).run).toBe(true);
  });

  it('falls back to the default for each bad value, with a polite note naming it', () => {
    const d = decodeLabUrl(new URLSearchParams('lab.depth=57&lab.width=2.5&lab.bn=maybe&lab.lr=9&lab.batch=&lab.iters=-3&lab.backend=cpu'));
    expect(d.settings).toEqual(DEFAULT_LAB_SETTINGS);
    expect(d.backend).toBe('wasm');
    expect(d.notes).toHaveLength(7);
    expect(d.notes[0]).toBe("The link's lab.depth=57 was ignored (depth must be one of 8, 20, 32, 44, 56); the default is used.");
    expect(d.notes.join(' ')).toMatch(/lab.width=2\.5 was ignored \(width must be a whole number from 2 to 32\)/);
    // Good values beside bad ones are kept.
    expect(decodeLabUrl(new URLSearchParams('lab.depth=8&lab.lr=abc')).settings.depth).toBe(8);
  });

  it('takes the fields changed before the lab hydrated by their URL keys, ignoring any value the link would refuse', () => {
    const form = formFields(decodeLabUrl(new URLSearchParams('lab.width=8')));
    const kept = { depth: '20', bn: 'on', lr: '0.05', batch: '32', iters: '300', backend: 'webgl' };
    expect(withEarlySettings(form, kept)).toEqual({
      depth: 20,
      width: 8,
      batchNorm: true,
      learningRate: 0.05,
      batchSize: 32,
      maxIterations: 300,
      backend: 'webgl',
    });
    const bad = { depth: '57', width: '', bn: 'maybe', lr: '9', batch: '2.5', iters: '-3', backend: 'cpu', other: '1' };
    expect(withEarlySettings(form, bad)).toEqual(form);
    expect(withEarlySettings(form, { bn: 'off', width: '33' })).toEqual({ ...form, batchNorm: false });
  });
});

describe('reference runs behind the live curves', () => {
  it("shows the runs with the reader's training settings at depth 20 and 56, and says they measured errors on more images", () => {
    for (const depth of [20, 56] as const) {
      const c = chooseReference({ ...REF, depth });
      expect(c.exact).toBe(true);
      expect(c.curves.map((x) => [x.key, x.run.depth, x.run.shortcuts])).toEqual([
        ['plain', depth, false],
        ['residual', depth, true],
      ]);
      // The lab measures its errors on 500 images of each set, the reference runs on 1,000 (issue 16): not "exact settings".
      expect(c.text).toMatch(
        new RegExp(
          `^Dashed: the project's reference runs with these training settings, Plain-${depth} and ResNet-${depth}; this run's errors measured on 500 training and 500 test images \\(reference: 1,000 and 1,000\\); they ended at \\d+\\.\\d% and \\d+\\.\\d% training error after 400 iterations\\.$`,
        ),
      );
      expect(c.text).not.toMatch(/exact settings/);
    }
  });

  it('names no measurement difference when the run measures like the reference runs', () => {
    const same = { ...REF, evalCount: TRAIN_REFERENCE.settings.evalTrainCount, evalEvery: TRAIN_REFERENCE.settings.evalEvery };
    expect(measurementDifference(same)).toBeNull();
    expect(chooseReference({ ...same, depth: 20 }).text).toMatch(
      /^Dashed: the project's reference runs with these training settings, Plain-20 and ResNet-20; they ended/,
    );
    expect(measurementDifference({ ...same, evalEvery: 10 })).toBe('every 10 iterations (reference: every 40)');
    expect(DEFAULT_LAB_SETTINGS.evalCount).not.toBe(TRAIN_REFERENCE.settings.evalTrainCount);
  });

  it('names the nearest depth when the chosen one has no run, and every differing setting', () => {
    const c8 = chooseReference({ ...REF, depth: 8, width: 4, batchSize: 8 });
    expect(c8.exact).toBe(false);
    expect(c8.depth).toBe(20);
    expect(c8.text).toMatch(
      /^No reference run has depth 8; dashed: the nearest, Plain-20 and ResNet-20, whose other settings differ too: width 4 \(reference 8\), batch 8 \(reference 64\);/,
    );
    expect(chooseReference({ ...REF, depth: 44 }).depth).toBe(56);
    expect(chooseReference({ ...REF, depth: 32 }).depth).toBe(20);
    const bnOff = chooseReference({ ...REF, depth: 56, batchNorm: false });
    expect(bnOff.text).toMatch(/at this depth, Plain-56 and ResNet-56, trained with other settings: batch norm off \(reference on\)/);
    expect(differingSettings(REF)).toEqual([]);
  });

  it('says none matches when the file has no plain/residual pair', () => {
    const empty = { ...TRAIN_REFERENCE, runs: TRAIN_REFERENCE.runs.filter((r) => r.shortcuts) };
    expect(chooseReference(REF, empty)).toMatchObject({ depth: null, curves: [], text: 'No reference run matches these settings.' });
  });

  it('averages the last evaluations of a run', () => {
    const run = referenceRun('plain20');
    const last2 = run.points.slice(-2);
    expect(meanLastTrainError(run, 2)).toBeCloseTo((last2[0]!.trainError + last2[1]!.trainError) / 2, 12);
  });
});

describe('what to expect and how long', () => {
  it('formats durations', () => {
    expect([formatDuration(42), formatDuration(372), formatDuration(5400), formatDuration(Number.NaN)]).toEqual([
      '42 s',
      '6 min',
      '1.5 h',
      'an unknown time',
    ]);
  });

  it('gives the time at the measured speed of both nets', () => {
    // Batch 64, both nets: 2 × 64 images in 914 ms ≈ 140 images/s; 400 iterations ≈ 6 min.
    const t = timeText({ settings: REF, iteration: 0, measuredMsPerIteration: 914, netsTraining: 2, estimatedSecondsPerIteration: 0.5 });
    expect(t.text).toBe('400 iterations of both nets ≈ 6 min on this device at the measured 140 images/s.');
    const mid = timeText({
      settings: REF,
      iteration: 100,
      measuredMsPerIteration: 914,
      netsTraining: 2,
      estimatedSecondsPerIteration: null,
    });
    expect(mid.text).toMatch(/\(about 5 min left\)\.$/);
    const one = timeText({
      settings: REF,
      iteration: 10,
      measuredMsPerIteration: 457,
      netsTraining: 1,
      estimatedSecondsPerIteration: null,
    });
    expect(one.text).toMatch(/^400 iterations of one net ≈ 3 min on this device at the measured 140 images\/s/);
  });

  it('falls back to the estimate, and says so, before a step has run', () => {
    const t = timeText({ settings: REF, iteration: 0, measuredMsPerIteration: null, netsTraining: 2, estimatedSecondsPerIteration: 1.5 });
    expect(t.text).toBe("400 iterations of both nets ≈ 10 min, estimated from the nets' size; the speed is measured once training starts.");
    expect(
      timeText({ settings: REF, iteration: 0, measuredMsPerIteration: null, netsTraining: 2, estimatedSecondsPerIteration: null }).text,
    ).toMatch(/measured once training starts/);
  });

  it('says what the paper found at each depth and what one reference run showed, never "equally well"', () => {
    // He et al. Fig. 6: the plain nets degrade from the second depth of the figure (32) on.
    expect(plainDegradesFrom()).toBe(32);
    const d56 = expectation({ ...REF, depth: 56 });
    expect(d56).toMatch(/plain nets train worse the deeper they are from 32 layers on.*the plain net may fall behind/);
    expect(d56).toContain(outcomeText(referenceOutcome(56)!));
    expect(d56).toMatch(/so here the residual net came out ahead\.$/);
    const d20 = expectation({ ...REF, depth: 20 });
    expect(d20).toMatch(/^At 20 layers He et al.'s plain net shows no degradation yet; their plain nets train worse from 32 layers on/);
    // The reference runs at 20 layers: plain-20 ended at 17.1%, ResNet-20 at 36.2% (17.7% and 25.0% over the last 4).
    expect(d20).toContain(
      "the project's reference runs at 20 layers ended at 17.1% (Plain-20) and 36.2% (ResNet-20) training error, 17.7% and 25.0% averaged over their last 4 evaluations",
    );
    expect(d20).toMatch(/One short run is noisy/);
    expect(d20).toMatch(/so here the plain net came out ahead\.$/);
    expect(expectation({ ...REF, depth: 32 })).toMatch(/from 32 layers on.*One short run is noisy: either net may come out ahead\.$/);
    expect(expectation({ ...REF, depth: 8 })).toMatch(
      /train no net this shallow \(their shallowest has 20 layers, §4\.2\): at 8 layers there is little depth to degrade/,
    );
    expect(expectation({ ...REF, batchNorm: false })).toMatch(/Without batch norm/);
    for (const depth of [8, 20, 32, 44, 56] as const) expect(expectation({ ...REF, depth })).not.toMatch(/equally well|stay close/);
  });

  it('reads the reference outcome from the runs: last and mean of the last evaluations', () => {
    const o = referenceOutcome(20)!;
    expect(o.k).toBe(REFERENCE_MEAN_OF_LAST);
    expect(o.plain.last).toBe(referenceRun('plain20').points.at(-1)!.trainError);
    expect(o.residual.mean).toBeCloseTo(meanLastTrainError(referenceRun('resnet20'), REFERENCE_MEAN_OF_LAST), 12);
    expect(referenceOutcome(44)).toBeNull();
  });

  it('refuses on the page what the worker would refuse', () => {
    expect(precheckLab({ ...REF, depth: 8, width: 4, batchSize: 8 }).ok).toBe(true);
    const big = precheckLab({ ...REF, depth: 56, width: 32, batchSize: 256 });
    expect(big.ok).toBe(false);
    expect(big.message).toMatch(/Choose a smaller batch, width or depth/);
  });
});

describe("the run, from the worker's events", () => {
  const ready = {
    type: 'ready' as const,
    settings: REF,
    estimate: { bytes: 2 ** 20, secondsPerStep: 0.4 },
    nets: [
      { key: 'plain' as const, id: 'p', name: 'Plain-20', depth: 20, params: 1, macsPerImage: 2, weightLayers: 3 },
      { key: 'residual' as const, id: 'r', name: 'ResNet-20', depth: 20, params: 1, macsPerImage: 2, weightLayers: 3 },
    ],
  };

  it('collects both curves, the speed and the tensor count', () => {
    const run = new LabRun();
    run.apply({ type: 'state', state: 'loading' });
    run.apply({ type: 'loading', loaded: 5, total: 10 });
    expect(run.loading).toEqual({ loaded: 5, total: 10 });
    run.apply(ready);
    run.apply({
      type: 'eval',
      iteration: 0,
      nets: [
        { key: 'plain', trainError: 0.9, testError: 0.9 },
        { key: 'residual', trainError: 0.8, testError: 0.85 },
      ],
    });
    run.apply({ type: 'state', state: 'running' });
    expect(run.loading).toBeNull();
    for (let i = 1; i <= 3; i++) {
      run.apply({
        type: 'step',
        iteration: i,
        epoch: 0,
        nets: [
          { key: 'plain', loss: 2 / i, batchError: 0.5, msPerStep: 100 * i, imagesPerSecond: 640 / i },
          { key: 'residual', loss: 1.5 / i, batchError: 0.5, msPerStep: 100, imagesPerSecond: 640 },
        ],
      });
    }
    run.apply({ type: 'memory', numTensors: 321, numBytes: 1000 });
    expect(run.iteration).toBe(3);
    expect(run.curves.plain.loss.map((p) => p.iteration)).toEqual([1, 2, 3]);
    expect(run.curves.residual.errors).toEqual([{ iteration: 0, trainError: 0.8, testError: 0.85 }]);
    expect(run.msPerIteration).toBe(300); // median of 200, 300, 400
    expect([run.numTensors, run.tensorsAt]).toEqual([321, 3]);
    run.clear();
    expect([run.iteration, run.curves.plain.loss.length, run.numTensors]).toEqual([0, 0, null]);
  });

  it('records a diverged net as a result with its iteration, and the other net keeps going', () => {
    const run = new LabRun();
    run.apply(ready);
    run.apply({ type: 'diverged', iteration: 7, key: 'plain', loss: Number.NaN });
    run.apply({
      type: 'step',
      iteration: 7,
      epoch: 0,
      nets: [{ key: 'residual', loss: 1, batchError: 0.5, msPerStep: 50, imagesPerSecond: 1280 }],
    });
    expect(run.curves.plain.diverged).toEqual({ iteration: 7, loss: Number.NaN });
    expect(run.error).toBeNull();
    expect(run.netsTraining).toBe(1);
    expect(run.msPerIteration).toBe(50);
    expect(divergedText(run.curves.plain.diverged!)).toBe('diverged at iteration 7 (loss NaN)');
    expect(divergedText({ iteration: 3, loss: Number.POSITIVE_INFINITY })).toBe('diverged at iteration 3 (loss ∞)');
  });

  it('refuses bad or oversized settings on the page with the message and the estimate', () => {
    const run = new LabRun();
    expect(run.precheck({ ...REF, width: 100 })).toBe(false);
    expect(run.refused).toBe('width must be a number from 2 to 32.');
    expect(run.precheck({ ...REF, depth: 56, width: 32, batchSize: 256 })).toBe(false);
    expect(run.refused).toMatch(/\(Estimate for both nets: about [\d,]+ MiB of memory and [\d.]+ s per iteration\.\)$/);
    expect(run.precheck(REF)).toBe(true);
    run.apply({ type: 'refused', message: 'No.' });
    expect(run.refused).toBe('No.');
  });
});

describe('the numbers the ResNet page reports from the reference runs', () => {
  it("finds each run's best evaluation", async () => {
    const { bestPoint } = await import('../../src/lib/train/lab-reference');
    for (const run of TRAIN_REFERENCE.runs) {
      const best = bestPoint(run);
      expect(run.points.every((p) => p.trainError >= best.trainError)).toBe(true);
    }
  });

  it("has the paper's Table 6 errors at the lab's reference depths", async () => {
    const { cifarResnet } = await import('../../src/lib/data/resnet-paper-cifar');
    expect([cifarResnet(20).error, cifarResnet(56).error]).toEqual([8.75, 6.97]);
    expect(() => cifarResnet(8)).toThrow(/no ResNet-8/);
  });
});

describe('the time a run takes, evaluations included', () => {
  it("uses the wall clock between steps for the duration, the steps' own time for images/s", () => {
    const run = new LabRun();
    run.apply({ type: 'state', state: 'running' }, 0);
    for (let i = 1; i <= 5; i++) {
      run.apply(
        {
          type: 'step',
          iteration: i,
          epoch: 0,
          nets: [
            { key: 'plain', loss: 1, batchError: 0.5, msPerStep: 400, imagesPerSecond: 160 },
            { key: 'residual', loss: 1, batchError: 0.5, msPerStep: 400, imagesPerSecond: 160 },
          ],
        },
        1000 * i,
      );
    }
    expect(run.wallMsPerIteration).toBe(1000);
    const t = timeText({
      settings: REF,
      iteration: 5,
      measuredMsPerIteration: run.msPerIteration,
      wallMsPerIteration: run.wallMsPerIteration,
      netsTraining: 2,
      estimatedSecondsPerIteration: null,
    });
    // 2 × 64 images in 0.8 s of training = 160 images/s; 400 iterations at 1 s each ≈ 7 min.
    expect(t.text).toBe('400 iterations of both nets ≈ 7 min on this device at the measured 160 images/s (about 7 min left).');
    // A pause starts the window again.
    run.apply({ type: 'state', state: 'paused' }, 6000);
    expect(run.wallMsPerIteration).toBeNull();
  });
});

describe('labNetSizes', () => {
  it('gives the sizes the reference runs recorded for the same nets (from the same specs)', () => {
    const s = { ...DEFAULT_LAB_SETTINGS, depth: 56 as const, width: TRAIN_REFERENCE.settings.width };
    const sizes = labNetSizes(s);
    const run = (id: string) => TRAIN_REFERENCE.runs.find((r) => r.id === id)!;
    expect(sizes.plain).toEqual({ params: run('plain56').params, macsPerImage: run('plain56').macsPerImage });
    expect(sizes.residual).toEqual({ params: run('resnet56').params, macsPerImage: run('resnet56').macsPerImage });
  });
});
