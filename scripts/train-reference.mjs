// The project's own reference runs (issue 9): plain-20, plain-56, ResNet-20 and ResNet-56 trained on
// the committed Fashion-MNIST subset with the site's training library, in Node on wasm (the new
// gradient kernels, threads on). Writes src/lib/data/train-reference.json.
//   npm run train:reference            (the committed run; about 30 minutes on a 2-core machine)
//   REF_ITERATIONS=20 REF_OUT=/tmp/ref.json npm run train:reference   (a smoke run)
// The four nets train interleaved on the same batches, so a run stopped by the time guard
// (REF_MAX_MINUTES) still has every net at the same iteration; the JSON records what was done.
import { readFileSync, writeFileSync } from 'node:fs';
import { trainLib as lib, startWasm, machine } from './train-lib.ts';

const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const SETTINGS = {
  iterations: env('REF_ITERATIONS', 400),
  batchSize: env('REF_BATCH', 64),
  learningRate: env('REF_LR', 0.05),
  momentum: 0.9,
  weightDecay: 1e-4,
  width: env('REF_WIDTH', 8),
  batchNorm: true,
  init: 'he',
  seed: env('REF_SEED', 1),
  evalEvery: env('REF_EVAL_EVERY', 40),
  evalTrainCount: env('REF_EVAL_TRAIN', 1000),
  evalTestCount: env('REF_EVAL_TEST', 1000),
};
const THREADS = env('REF_THREADS', 2);
const MAX_MINUTES = env('REF_MAX_MINUTES', 32);
const OUT = process.env.REF_OUT ?? new URL('../src/lib/data/train-reference.json', import.meta.url);
const NETS = [
  { id: 'plain20', depth: 20, shortcuts: false },
  { id: 'plain56', depth: 56, shortcuts: false },
  { id: 'resnet20', depth: 20, shortcuts: true },
  { id: 'resnet56', depth: 56, shortcuts: true },
];

const { tf, threads } = await startWasm(THREADS);
const dir = new URL('../public/data/fashion-mnist/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const data = await lib.decodeFashionMnist(Object.fromEntries(Object.entries(lib.FASHION_FILES).map(([k, v]) => [k, read(v)])));
const norm = lib.pixelStats(data.train);
const input = { h: data.train.rows, w: data.train.cols, c: 1 };
console.log(
  `train:reference on ${tf.getBackend()} (${threads} threads), ${data.train.count} train / ${data.test.count} test images`,
  SETTINGS,
);

const t0 = performance.now();
const runs = NETS.map((n) => {
  const spec = lib.cifarResnetSpec(n.depth, { shortcuts: n.shortcuts, width: SETTINGS.width, batchNorm: SETTINGS.batchNorm, classes: 10 });
  const totals = lib.analyze(spec, input).totals;
  const net = lib.createNet(tf, spec, { input, seed: SETTINGS.seed, init: SETTINGS.init });
  const opt = new lib.Sgd(tf, net, SETTINGS);
  return { meta: n, spec, net, opt, totals, points: [], stepMs: 0, steps: 0, diverged: null, lossSum: 0, errSum: 0, seen: 0 };
});

async function evaluate(r, iteration) {
  const trainError = await lib.errorRate(tf, r.net, data.train, norm, SETTINGS.evalTrainCount);
  const testError = await lib.errorRate(tf, r.net, data.test, norm, SETTINGS.evalTestCount);
  const point = {
    iteration,
    trainLoss: r.seen ? r.lossSum / r.seen : null,
    batchTrainError: r.seen ? r.errSum / (r.seen * SETTINGS.batchSize) : null,
    trainError,
    testError,
  };
  r.points.push(point);
  r.lossSum = 0;
  r.errSum = 0;
  r.seen = 0;
  return point;
}

for (const r of runs) await evaluate(r, 0);
const order = new lib.BatchOrder(data.train.count, SETTINGS.batchSize, SETTINGS.seed);
let done = 0;
let stopped = null;
for (let it = 1; it <= SETTINGS.iterations; it++) {
  const idx = order.next();
  const { x, y } = lib.makeBatch(tf, data.train, idx, norm);
  for (const r of runs) {
    if (r.diverged) continue;
    const t = performance.now();
    const res = await lib.trainStep(tf, r.net, r.opt, x, y);
    r.stepMs += performance.now() - t;
    r.steps++;
    if (!Number.isFinite(res.loss)) {
      r.diverged = { iteration: it, loss: String(res.loss) };
      continue;
    }
    r.lossSum += res.loss;
    r.errSum += res.errors;
    r.seen++;
  }
  tf.dispose([x, y]);
  done = it;
  if (it % SETTINGS.evalEvery === 0 || it === SETTINGS.iterations) {
    const line = [];
    for (const r of runs) {
      if (r.diverged) {
        line.push(`${r.meta.id} diverged`);
        continue;
      }
      const p = await evaluate(r, it);
      line.push(
        `${r.meta.id} loss ${p.trainLoss?.toFixed(3)} train ${(100 * p.trainError).toFixed(1)}% test ${(100 * p.testError).toFixed(1)}%`,
      );
    }
    const min = (performance.now() - t0) / 60000;
    console.log(`it ${it} (${min.toFixed(1)} min, ${tf.memory().numTensors} tensors): ${line.join(' | ')}`);
    if (min > MAX_MINUTES && it < SETTINGS.iterations) {
      stopped = `time guard: stopped after ${it} of ${SETTINGS.iterations} iterations (${MAX_MINUTES} min)`;
      break;
    }
  }
}
const wallSeconds = (performance.now() - t0) / 1000;

const out = {
  version: 1,
  generatedBy: 'scripts/train-reference.mjs (npm run train:reference)',
  date: new Date().toISOString(),
  dataset: {
    name: 'Fashion-MNIST',
    source: 'fashion-mnist',
    files: 'public/data/fashion-mnist/',
    trainImages: data.train.count,
    testImages: data.test.count,
    normalisation: norm,
  },
  settings: { ...SETTINGS, iterationsDone: done, stopped },
  backend: { name: tf.getBackend(), threads, kernels: 'wasm conv gradients as forward convolutions (src/lib/train/wasm-grad-kernels.ts)' },
  machine: machine(),
  wallSeconds: Math.round(wallSeconds),
  runs: runs.map((r) => ({
    id: r.meta.id,
    specId: r.spec.id,
    name: r.spec.name.replace(/ \(CIFAR-10.*\)$/, ''),
    depth: r.meta.depth,
    shortcuts: r.meta.shortcuts,
    params: r.totals.params,
    macsPerImage: r.totals.macs,
    msPerStep: Math.round(r.stepMs / Math.max(1, r.steps)),
    imagesPerSecond: Math.round((1000 * r.steps * SETTINGS.batchSize) / Math.max(1, r.stepMs)),
    diverged: r.diverged,
    points: r.points.map((p) => ({
      iteration: p.iteration,
      trainLoss: p.trainLoss === null ? null : +p.trainLoss.toFixed(5),
      batchTrainError: p.batchTrainError === null ? null : +p.batchTrainError.toFixed(5),
      trainError: +p.trainError.toFixed(5),
      testError: +p.testError.toFixed(5),
    })),
  })),
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${OUT} in ${(wallSeconds / 60).toFixed(1)} min`);
for (const r of out.runs) {
  const last = r.points.at(-1);
  console.log(
    `${r.name}: final train error ${(100 * last.trainError).toFixed(1)}%, test ${(100 * last.testError).toFixed(1)}%, ${r.msPerStep} ms/step`,
  );
}
for (const r of runs) {
  r.opt.dispose();
  r.net.dispose();
}
