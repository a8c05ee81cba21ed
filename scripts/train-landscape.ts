// Trains plain-20, ResNet-20, plain-56 and ResNet-56 with one shared recipe (the training lab's
// defaults: src/lib/train/lab-methods.ts DEFAULT_LAB_SETTINGS) on the committed Fashion-MNIST subset,
// saves each as a tfjs layers model in public/tiny-models/landscape-<kind>-<depth>/, and maps its
// loss landscape (Li et al. 2018 §4): the training loss on a fixed set of training images over an
// n × n grid of α, β ∈ [−1, 1] along two seeded filter-normalised directions, and a 1-D slice along
// the first, in src/lib/data/landscape.json (rewritten after each net, `complete` at the end).
//   npm run train:landscape      (LANDSCAPE_ITERATIONS, _GRID, _SLICE, _IMAGES, _DEPTHS, _NETS, _OUT, _MODELS_DIR)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { trainLib as lib, startWasm, machine } from './train-lib.ts';
import { randomDirection, disposeDirection } from '../src/lib/landscape/directions';
import { lossGrid, lossSlice, setLoss } from '../src/lib/landscape/grid';
import { assignSavedWeights } from '../src/lib/landscape/weights';
import { summarise } from '../src/lib/landscape/summary';
import { readSavedModel } from './saved-model.ts';

const t00 = performance.now();
const env = (k: string, d: number): number => (process.env[k] === undefined ? d : Number(process.env[k]));
const S = lib.DEFAULT_LAB_SETTINGS;
const RECIPE = {
  width: S.width,
  init: S.init,
  batchNorm: S.batchNorm,
  learningRate: S.learningRate,
  batchSize: S.batchSize,
  momentum: S.momentum,
  weightDecay: S.weightDecay,
  seed: S.seed,
  iterations: env('LANDSCAPE_ITERATIONS', S.maxIterations),
};
const GRID = env('LANDSCAPE_GRID', 25);
const SLICE = env('LANDSCAPE_SLICE', 51);
const IMAGES = env('LANDSCAPE_IMAGES', 256);
const DEPTHS = (process.env.LANDSCAPE_DEPTHS ?? '20,56').split(',').map(Number);
// A subset of the nets (ids, comma-separated), e.g. to run the four as two processes in parallel.
const ONLY = process.env.LANDSCAPE_NETS?.split(',');
const DIRECTION_SEEDS = [1001, 1002] as const;
const EVAL_TRAIN = 2000;
const ROOT = new URL('../', import.meta.url);
const OUT_JSON = new URL(process.env.LANDSCAPE_OUT ?? 'src/lib/data/landscape.json', ROOT);
const MODELS_DIR = new URL(process.env.LANDSCAPE_MODELS_DIR ?? 'public/tiny-models/', ROOT);
const GENERATED_BY = 'scripts/train-landscape.ts (npm run train:landscape)';

const { tf, threads } = await startWasm(2);
const dir = new URL('public/data/fashion-mnist/', ROOT);
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));
const files = Object.fromEntries(Object.entries(lib.FASHION_FILES).map(([k, v]) => [k, read(v)])) as Record<
  keyof typeof lib.FASHION_FILES,
  Uint8Array
>;
const data = await lib.decodeFashionMnist(files);
const norm = lib.pixelStats(data.train);
const input = lib.FASHION_INPUT;
// The fixed images: the first IMAGES of the training subset.
const set = lib.makeBatch(
  tf,
  data.train,
  Array.from({ length: IMAGES }, (_, i) => i),
  norm,
);
const round = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);
const secs = (t: number): number => Math.round((performance.now() - t) / 100) / 10;

const nets: unknown[] = [];
function write(complete: boolean): void {
  const json = {
    version: 1,
    generatedBy: GENERATED_BY,
    date: new Date().toISOString(),
    complete,
    dataset: { name: 'Fashion-MNIST', trainImages: data.train.count, testImages: data.test.count, normalisation: norm },
    recipe: RECIPE,
    landscape: {
      images: { set: 'train', first: IMAGES },
      directionSeeds: DIRECTION_SEEDS,
      normalisation: 'filter',
      grid: { n: GRID, range: 1 },
      slice: { n: SLICE, range: 1, direction: 0 },
      batchNorm: 'inference (moving statistics); biases and batch-norm parameters not moved',
    },
    backend: { name: tf.getBackend(), threads },
    machine: machine(),
    seconds: secs(t00),
    nets,
  };
  writeFileSync(OUT_JSON, `${JSON.stringify(json)}\n`);
}

for (const depth of DEPTHS) {
  for (const shortcuts of [false, true]) {
    const kind = shortcuts ? 'resnet' : 'plain';
    const id = `landscape-${kind}-${depth}`;
    if (ONLY && !ONLY.includes(id)) continue;
    const spec = lib.cifarResnetSpec(depth, { classes: 10, width: RECIPE.width, shortcuts, batchNorm: RECIPE.batchNorm });
    const t0 = performance.now();
    const net = lib.createNet(tf, spec, { input, seed: RECIPE.seed, init: RECIPE.init });
    const opt = new lib.Sgd(tf, net, RECIPE);
    const order = new lib.BatchOrder(data.train.count, RECIPE.batchSize, RECIPE.seed);
    let diverged = 0;
    let lossSum = 0;
    for (let it = 1; it <= RECIPE.iterations; it++) {
      const { x, y } = lib.makeBatch(tf, data.train, order.next(), norm);
      const r = await lib.trainStep(tf, net, opt, x, y);
      tf.dispose([x, y]);
      if (!Number.isFinite(r.loss)) diverged++;
      else lossSum += r.loss;
      if (it % 100 === 0 || it === RECIPE.iterations) {
        console.log(`${id} it ${it}: mean loss ${(lossSum / (it % 100 || 100)).toFixed(3)} (${secs(t0)} s)`);
        lossSum = 0;
      }
    }
    opt.dispose();
    const trainSeconds = secs(t0);
    const testError = await lib.errorRate(tf, net, data.test, norm);
    const trainError = await lib.errorRate(tf, net, data.train, norm, EVAL_TRAIN);

    // Save, then map the landscape of the net loaded back from the files (what the site and tests see).
    const model = lib.toLayersModel(net, lib.buildModel);
    const saved = await lib.saveLayersModel(tf, model, GENERATED_BY);
    model.dispose();
    const folder = new URL(`${id}/`, MODELS_DIR);
    mkdirSync(folder, { recursive: true });
    writeFileSync(new URL('model.json', folder), saved.json);
    writeFileSync(new URL('weights.bin', folder), saved.weights);
    const loaded = lib.createNet(tf, spec, { input, seed: RECIPE.seed, init: RECIPE.init });
    const files = readSavedModel(folder);
    assignSavedWeights(tf, loaded, files.weightSpecs, files.weightData);
    const [own, back] = [await setLoss(tf, net, set), await setLoss(tf, loaded, set)];
    if (own !== back) throw new Error(`${id}: the saved weights give loss ${back}, the trained net ${own}`);
    net.dispose();

    const t1 = performance.now();
    const dirs = [randomDirection(tf, loaded, DIRECTION_SEEDS[0]), randomDirection(tf, loaded, DIRECTION_SEEDS[1])] as const;
    let last = 0;
    const onProgress = (done: number, total: number): void => {
      if (done / total >= last + 0.1 || done === total) {
        last = done / total;
        console.log(`${id} landscape ${done}/${total} (${secs(t1)} s)`);
      }
    };
    const grid = await lossGrid(tf, loaded, dirs, set, { n: GRID, range: 1 }, { onProgress });
    last = 0;
    const slice = await lossSlice(tf, loaded, dirs[0], set, { n: SLICE, range: 1 }, { onProgress });
    dirs.forEach((d) => disposeDirection(tf, d));
    loaded.dispose();
    const landscapeSeconds = secs(t1);
    const summary = summarise(grid, slice);
    console.log(
      `${id}: test error ${(100 * testError).toFixed(2)}%, train error ${(100 * trainError).toFixed(2)}%, centre loss ${summary.centre.toFixed(4)}, ` +
        `not downhill ${summary.notDownhill}/${summary.points}; train ${trainSeconds} s, landscape ${landscapeSeconds} s`,
    );
    nets.push({
      id,
      kind,
      depth,
      name: `${shortcuts ? 'ResNet' : 'plain'}-${depth}`,
      specId: spec.id,
      model: `/tiny-models/${id}/model.json`,
      bytes: saved.weights.length + Buffer.byteLength(saved.json),
      params: lib.analyze(spec, input).totals.params,
      divergedSteps: diverged,
      testError: round(testError),
      testCount: data.test.count,
      trainError: round(trainError),
      trainCount: EVAL_TRAIN,
      trainSeconds,
      landscapeSeconds,
      grid: { n: grid.n, range: grid.range, loss: grid.loss.map(round) },
      slice: { n: slice.n, range: slice.range, loss: slice.loss.map(round) },
    });
    write(false);
  }
}
tf.dispose([set.x, set.y]);
write(true);
console.log(
  `wrote ${OUT_JSON.pathname}: ${nets.length} nets in ${secs(t00)} s (${((performance.now() - t00) / 60000).toFixed(1)} min) on ${machine().cpu}`,
);
