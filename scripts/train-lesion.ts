// Deletes blocks from the project's plain-20 and ResNet-20 (Veit et al. 2016, §4) and records the
// test error on the 2,000-image Fashion-MNIST test subset: the intact nets, every removable block on
// its own, and k random blocks removed for k = 0…all over several seeds. Loads both nets from their
// committed files (public/tiny-models/) and runs src/lib/tiny/lesion.ts, the code the figure's worker
// runs. Writes src/lib/data/tiny-lesion.json.   npm run train:lesion   (LESION_SEEDS=… to change the
// number of seeds; LESION_NETS=tiny-resnet20 measures only the nets named and keeps the others' records)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type * as tfjs from '@tensorflow/tfjs';
import { loadSavedModel, tinyModelFolder } from './saved-model.ts';
import { trainLib as lib, startWasm, machine } from './train-lib.ts';
import { LESION_SPECS } from '../src/lib/tiny/lesion-nets.ts';
import type { LesionNet, LesionNetKey } from '../src/lib/data/tiny-lesion.ts';
import { lesionError, randomBlocks, removableBlocks } from '../src/lib/tiny/lesion.ts';

const ROOT = new URL('../', import.meta.url);
const OUT = process.env.LESION_OUT ?? new URL('src/lib/data/tiny-lesion.json', ROOT);
const SEEDS = Array.from({ length: Number(process.env.LESION_SEEDS ?? 4) }, (_, i) => i + 1);
const ALL: LesionNetKey[] = ['tiny-plain20', 'tiny-resnet20'];
const ONLY = process.env.LESION_NETS?.split(',').filter(Boolean);
const NETS = ONLY ? ALL.filter((id) => ONLY.includes(id)) : ALL;

const t0 = performance.now();
const { tf, threads } = await startWasm(2);
const dir = new URL('public/data/fashion-mnist/', ROOT);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const data = await lib.decodeFashionMnist({
  trainImages: read(lib.FASHION_FILES.trainImages),
  trainLabels: read(lib.FASHION_FILES.trainLabels),
  testImages: read(lib.FASHION_FILES.testImages),
  testLabels: read(lib.FASHION_FILES.testLabels),
});
const norm = lib.pixelStats(data.train);

const load = (id: string): Promise<tfjs.LayersModel> => loadSavedModel(tf, tinyModelFolder(id));

const nets: LesionNet[] = [];
for (const id of NETS) {
  const tNet = performance.now();
  const spec = LESION_SPECS[id]();
  const model = await load(id);
  const blocks = removableBlocks(spec, lib.FASHION_INPUT);
  const ids = blocks.map((b) => b.id);
  // One evaluation per distinct set of removed blocks (k = 0 and k = all are the same for every seed).
  const cache = new Map<string, number>();
  const errorsWithout = async (removed: string[]): Promise<number> => {
    const key = removed.join(',');
    if (!cache.has(key)) {
      const r = await lesionError(tf, model, spec, data.test, norm, removed);
      if (r.nonFinite > 0) console.log(`${id} without [${key}]: ${r.nonFinite} outputs not finite`);
      cache.set(key, r.errors);
    }
    return cache.get(key)!;
  };
  const intact = await errorsWithout([]);
  const single = [];
  for (const b of blocks) single.push({ id: b.id, label: b.label, errors: await errorsWithout([b.id]) });
  const random = [];
  for (let k = 0; k <= ids.length; k++) {
    const errors = [];
    for (const seed of SEEDS) errors.push(await errorsWithout(randomBlocks(ids, k, seed)));
    random.push({ k, errors });
  }
  console.log(
    `${id}: intact ${intact}/${data.test.count}; single ${single.map((s) => s.errors).join(' ')}; ` +
      `random ${random.map((r) => `k${r.k}:[${r.errors.join(' ')}]`).join(' ')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  nets.push({
    id,
    name: spec.name,
    specId: spec.id,
    seconds: Math.round((performance.now() - tNet) / 1000),
    intactErrors: intact,
    blocks: single,
    random,
  });
  model.dispose();
}
// Nets not measured this run keep their committed records (with the same seeds only). A first partial
// run writes its nets alone, and the data loader refuses the file until the other net is added.
const old = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : null;
const kept = ALL.map(
  (id) =>
    nets.find((n) => n.id === id) ?? (old?.seeds.join() === SEEDS.join() ? (old.nets as LesionNet[]).find((n) => n.id === id) : undefined),
).filter((n) => n !== undefined);
if (kept.length < ALL.length) console.log(`only ${kept.map((n) => n.id).join(', ')} recorded: run again for the other net`);
// The run's time: the sum of each net's measurement, whether it ran now or before.
const seconds = kept.reduce((a, n) => a + n.seconds, 0);
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      version: 1,
      generatedBy: 'scripts/train-lesion.ts (npm run train:lesion)',
      date: new Date().toISOString(),
      dataset: { name: 'Fashion-MNIST', files: 'public/data/fashion-mnist/', testImages: data.test.count, normalisation: norm },
      seeds: SEEDS,
      backend: { name: tf.getBackend(), threads },
      machine: machine(),
      seconds,
      nets: kept,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${OUT}: ${((performance.now() - t0) / 1000).toFixed(0)} s this run, ${seconds} s for both nets`);
