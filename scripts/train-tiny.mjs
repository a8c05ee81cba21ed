// Trains the project's two tiny nets on the committed Fashion-MNIST subset (issue 9, §6): a
// VGG-style net and a ResNet-20, with the site's training library in Node on wasm. Saves them as
// tfjs layers models in public/tiny-models/<id>/ and, after loading each back from those files,
// records its test error and confusion matrix on the 2,000-image test subset in
// src/lib/data/tiny-nets.json. It also trains the plain twin of the ResNet-20 (same settings, no
// shortcuts) for the block-deletion figure on /why-residual/, recorded in src/lib/data/tiny-plain20.json.
//   npm run train:tiny   (TINY_ITERATIONS=… for a smoke run; TINY_ONLY=tiny-plain20 trains only the
//   nets named, comma-separated, and rewrites only their records: the others' weights stay as committed)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSavedModel } from './saved-model.ts';
import { trainLib as lib, startWasm, machine } from './train-lib.ts';
import { tinyPlainSpec } from '../src/lib/tiny/lesion-nets.ts';

const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const ITERATIONS = env('TINY_ITERATIONS', 600);
const SEED = env('TINY_SEED', 1);
const BATCH = 64;
const ROOT = new URL('../', import.meta.url);
// Each net's record goes to its data file: tiny-nets.json keeps its two nets (the TinyNets figure's
// contract); the plain-20 has its own (TINY_OUT / TINY_PLAIN_OUT override them for a smoke run).
const TINY_JSON = process.env.TINY_OUT ?? new URL('src/lib/data/tiny-nets.json', ROOT);
const PLAIN_JSON = process.env.TINY_PLAIN_OUT ?? new URL('src/lib/data/tiny-plain20.json', ROOT);
const ALL_NETS = [
  { id: 'tiny-vgg', learningRate: 0.02, spec: lib.TINY_NETS['tiny-vgg'], out: TINY_JSON },
  { id: 'tiny-resnet20', learningRate: 0.05, spec: lib.TINY_NETS['tiny-resnet20'], out: TINY_JSON },
  // Exactly the ResNet-20's settings and data, shortcuts off.
  { id: 'tiny-plain20', learningRate: 0.05, spec: tinyPlainSpec, out: PLAIN_JSON },
];
const ONLY = process.env.TINY_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const id of ONLY ?? [])
  if (!ALL_NETS.some((n) => n.id === id)) throw new Error(`TINY_ONLY: no net ${id} (${ALL_NETS.map((n) => n.id).join(', ')})`);
const NETS = ONLY ? ALL_NETS.filter((n) => ONLY.includes(n.id)) : ALL_NETS;
const MODELS_DIR = new URL(process.env.TINY_MODELS_DIR ?? 'public/tiny-models/', ROOT);

const { tf, threads } = await startWasm(env('TINY_THREADS', 2));
const dir = new URL('public/data/fashion-mnist/', ROOT);
const read = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const data = await lib.decodeFashionMnist(Object.fromEntries(Object.entries(lib.FASHION_FILES).map(([k, v]) => [k, read(v)])));
const norm = lib.pixelStats(data.train);
const input = lib.FASHION_INPUT;

/** Predictions of a layers model on the test subset, normalised exactly as in training. */
async function layersPredict(model) {
  const out = new Int32Array(data.test.count);
  for (let s = 0; s < data.test.count; s += 250) {
    const idx = Array.from({ length: Math.min(250, data.test.count - s) }, (_, i) => s + i);
    const { x, y } = lib.makeBatch(tf, data.test, idx, norm);
    const p = tf.tidy(() => tf.argMax(model.predict(x), 1));
    out.set(await p.data(), s);
    tf.dispose([x, y, p]);
  }
  return out;
}

const results = [];
for (const n of NETS) {
  const spec = n.spec();
  const t0 = performance.now();
  const net = lib.createNet(tf, spec, { input, seed: SEED, init: 'he' });
  const opt = new lib.Sgd(tf, net, { learningRate: n.learningRate, momentum: 0.9, weightDecay: 1e-4 });
  const order = new lib.BatchOrder(data.train.count, BATCH, SEED);
  let lossSum = 0;
  for (let it = 1; it <= ITERATIONS; it++) {
    const { x, y } = lib.makeBatch(tf, data.train, order.next(), norm);
    const r = await lib.trainStep(tf, net, opt, x, y);
    tf.dispose([x, y]);
    if (!Number.isFinite(r.loss)) throw new Error(`${n.id} diverged at iteration ${it}`);
    lossSum += r.loss;
    if (it % 100 === 0) {
      console.log(`${n.id} it ${it}: mean loss ${(lossSum / 100).toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      lossSum = 0;
    }
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  const model = lib.toLayersModel(net, lib.buildModel);
  const saved = await lib.saveLayersModel(tf, model, 'scripts/train-tiny.mjs (npm run train:tiny)');
  model.dispose();
  const folder = new URL(`${n.id}/`, MODELS_DIR);
  mkdirSync(folder, { recursive: true });
  writeFileSync(new URL('model.json', folder), saved.json);
  writeFileSync(new URL('weights.bin', folder), saved.weights);
  // Evaluate what was written, loaded back the way the site and the tests load it.
  const loaded = await loadSavedModel(tf, folder);
  const pred = await layersPredict(loaded);
  const params = loaded.countParams();
  loaded.dispose();
  const ownPred = await lib.predict(tf, net, data.test, norm);
  let wrong = 0;
  let disagree = 0;
  for (let i = 0; i < pred.length; i++) {
    if (pred[i] !== data.test.labels[i]) wrong++;
    if (pred[i] !== ownPred[i]) disagree++;
  }
  const totals = lib.analyze(spec, input).totals;
  results.push({
    out: n.out,
    id: n.id,
    name: spec.name,
    specId: spec.id,
    model: `/tiny-models/${n.id}/model.json`,
    bytes: saved.weights.length + Buffer.byteLength(saved.json),
    params,
    trainableParams: totals.params,
    macsPerImage: totals.macs,
    train: {
      iterations: ITERATIONS,
      batchSize: BATCH,
      learningRate: n.learningRate,
      momentum: 0.9,
      weightDecay: 1e-4,
      init: 'he',
      seed: SEED,
      seconds: Math.round(trainSeconds),
    },
    testCount: pred.length,
    testErrors: wrong,
    testError: +(wrong / pred.length).toFixed(5),
    confusion: lib.confusionMatrix(data.test.labels, pred),
  });
  console.log(
    `${n.id}: ${params} weights, test error ${((100 * wrong) / pred.length).toFixed(2)}% (${wrong}/${pred.length}); layers model vs training net disagree on ${disagree}; ${Math.round(trainSeconds)} s`,
  );
  opt.dispose();
  net.dispose();
}

// Each data file keeps the records of the nets not trained this run, in their order.
for (const out of new Set(results.map((r) => r.out))) {
  const order = ALL_NETS.filter((n) => n.out === out).map((n) => n.id);
  const old = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).nets : [];
  const fresh = results.filter((r) => r.out === out).map(({ out: _, ...r }) => r);
  const nets = order.map((id) => fresh.find((r) => r.id === id) ?? old.find((r) => r.id === id)).filter(Boolean);
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        version: 1,
        generatedBy: 'scripts/train-tiny.mjs (npm run train:tiny)',
        date: new Date().toISOString(),
        dataset: {
          name: 'Fashion-MNIST',
          source: 'fashion-mnist',
          files: 'public/data/fashion-mnist/',
          trainImages: data.train.count,
          testImages: data.test.count,
          normalisation: norm,
        },
        classes: lib.FASHION_CLASSES,
        backend: { name: tf.getBackend(), threads },
        machine: machine(),
        nets,
      },
      null,
      1,
    )}\n`,
  );
  console.log(`wrote ${out}`);
}
