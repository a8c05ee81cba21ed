// The gradient-flow figure's committed numbers: per-layer gradient norms of plain-56 and ResNet-56
// at initialisation, one backward pass on a fixed batch (the first 64 training images), for batch
// norm off/on × He/Glorot initialisation. It drives the lab session's 'gradients' command, exactly
// what the figure's worker runs in the browser, in Node on wasm. Writes src/lib/data/gradient-flow.json.
//   npm run train:gradients                  (about 20 s)
//   GRAD_OUT=/tmp/g.json GRAD_DEPTH=20 npm run train:gradients
import { readFileSync, writeFileSync } from 'node:fs';
import { trainLib as lib, startWasm, machine } from './train-lib.ts';

const env = (k, d) => (process.env[k] === undefined ? d : Number(process.env[k]));
const OUT = process.env.GRAD_OUT ?? new URL('../src/lib/data/gradient-flow.json', import.meta.url);
// The order the page's prose reads them in: the Keras default without batch norm first, then the paper's.
const CONFIGS = [
  { batchNorm: false, init: 'glorot' },
  { batchNorm: false, init: 'he' },
  { batchNorm: true, init: 'he' },
  { batchNorm: true, init: 'glorot' },
];

const { tf, threads } = await startWasm(1);
const settings = {
  ...lib.DEFAULT_LAB_SETTINGS,
  depth: env('GRAD_DEPTH', 56),
  width: env('GRAD_WIDTH', 8),
  batchSize: env('GRAD_BATCH', 64),
  seed: env('GRAD_SEED', 1),
};
const dir = new URL('../public/data/fashion-mnist/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const data = await lib.decodeFashionMnist(Object.fromEntries(Object.entries(lib.FASHION_FILES).map(([k, v]) => [k, read(v)])));

let events = [];
const session = new lib.LabSession({ tf, loadData: async () => data, post: (e) => events.push(e) });
const sig = (x) => Number(x.toPrecision(6));
const t0 = performance.now();
const configs = [];
for (const c of CONFIGS) {
  const s = { ...settings, ...c };
  events = [];
  await session.handle({ type: 'gradients', settings: s });
  const g = events.find((e) => e.type === 'gradients');
  if (!g) throw new Error(`no gradients for ${JSON.stringify(c)}: ${JSON.stringify(events.filter((e) => e.type !== 'state'))}`);
  const specs = lib.labSpecs(s);
  const nets = g.nets.map((n) => {
    const spec = specs.find((x) => x.key === n.key).spec;
    return {
      key: n.key,
      specId: spec.id,
      name: spec.name.replace(/ \(CIFAR-10.*\)$/, ''),
      layers: n.layers.map((l) => ({
        ...l,
        outputGradNorm: sig(l.outputGradNorm),
        outputGradRms: sig(l.outputGradRms),
        weightGradNorm: sig(l.weightGradNorm),
      })),
    };
  });
  configs.push({ ...c, nets });
  const line = nets.map((n) => {
    const r = lib.flowRatio(n.layers, 'outputGradRms');
    return `${n.name} ${n.layers.length} layers, first/last output RMS 10^${r.orders.toFixed(2)}`;
  });
  console.log(`BN ${c.batchNorm ? 'on' : 'off'}, ${c.init}: ${line.join(' | ')}`);
}
if (tf.memory().numTensors !== 0) throw new Error(`${tf.memory().numTensors} tensors left over`);

const out = {
  version: 1,
  generatedBy: 'scripts/gradient-flow.mjs (npm run train:gradients)',
  date: new Date().toISOString(),
  dataset: {
    name: 'Fashion-MNIST',
    files: 'public/data/fashion-mnist/',
    batch: `the first ${settings.batchSize} training images`,
    normalisation: lib.pixelStats(data.train),
  },
  settings: { depth: settings.depth, width: settings.width, batchSize: settings.batchSize, seed: settings.seed },
  backend: { name: tf.getBackend(), threads },
  machine: machine(),
  seconds: Math.round((performance.now() - t0) / 100) / 10,
  configs,
};
// One line per layer keeps the file readable in a diff.
const text = JSON.stringify(out, null, 1).replace(/\{\n\s+("id"[^{}]*?)\n\s*\}/g, (_, body) => `{ ${body.replace(/\n\s*/g, ' ')} }`);
writeFileSync(OUT, `${text}\n`);
console.log(`wrote ${OUT} in ${out.seconds} s`);
