// Prints how the 8-bit ResNet-50 compares with the float32 original: download bytes of each variant
// (from models.lock.json), and agreement on every gallery photo (top-1 identical count, mean top-5
// overlap), in Node on the tfjs wasm backend with the real files `npm run models` placed.
// `npm run bench:quantized`. Figures, not a test (tests/unit/inference-quantized.test.ts is the test).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const out = await build({
  stdin: {
    contents: `export { modelById } from './src/lib/inference/models';
      export { loadModel } from './src/lib/inference/loader';
      export { expectedDigests, lockedBytes } from './src/lib/inference/lock';
      export { classify } from './src/lib/inference/classify';
      export { agreement, photoAgreement } from './src/lib/inference/agreement';
      export { shortName } from './src/lib/inference/labels';
      export { GALLERY } from './src/lib/data/gallery';
      export { publicFetch, SITE, GALLERY_DIR, decodeImage, modelsPresent } from './tests/unit/helpers/node-models';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', write: false, external: ['@tensorflow/*', 'jpeg-js', 'pngjs'],
});
mkdirSync('node_modules/.cache', { recursive: true });
const file = new URL('../node_modules/.cache/bench-quantized.mjs', import.meta.url);
// The helpers find the repo root from their own location: point it back at the repo.
writeFileSync(file, out.outputFiles[0].text.replaceAll('import.meta.dirname', JSON.stringify(new URL('../tests/unit/helpers', import.meta.url).pathname)));
const lib = await import(file.href);
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend('wasm');
await tf.ready();

const ids = ['resnet50', 'resnet50_uint8'];
if (!lib.modelsPresent(ids)) {
  console.error('bench: the ResNet-50 files are missing from public/models/: run `npm run models` first');
  process.exit(1);
}
const models = {};
for (const id of ids) {
  const t = performance.now();
  models[id] = await lib.loadModel(tf, [lib.SITE + lib.modelById(id).urls[0]], { fetchFunc: lib.publicFetch, digests: lib.expectedDigests(id) });
  console.log(`${id}: ${lib.lockedBytes(id).toLocaleString('en')} bytes to download (${(lib.lockedBytes(id) / 1e6).toFixed(1)} MB), ` +
    `loaded and SHA-256-verified from disk in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const rows = [];
for (const photo of lib.GALLERY) {
  const pixels = lib.decodeImage(`${lib.GALLERY_DIR}/${photo.file}`);
  const probs = [];
  for (const id of ids) probs.push((await lib.classify(tf, models[id].model, lib.modelById(id), pixels)).probs);
  pixels.dispose();
  rows.push(lib.photoAgreement(photo.file, probs[0], probs[1]));
}
for (const m of Object.values(models)) m.model.dispose();
const a = lib.agreement(rows);
for (const r of rows) console.log(`  ${r.photo.padEnd(26)} top-1 ${lib.shortName(r.reference)}${r.sameTop1 ? ' (both)' : ` vs ${lib.shortName(r.candidate)}`}, top-5 overlap ${r.top5Overlap}/5`);
const ratio = lib.lockedBytes('resnet50_uint8') / lib.lockedBytes('resnet50');
console.log(`agreement, 8-bit vs float32 on ${rows.length} gallery photos: top-1 identical ${a.top1Identical}/${rows.length}, ` +
  `mean top-5 overlap ${a.meanTop5Overlap.toFixed(2)}/5; download ${(ratio * 100).toFixed(1)}% of float32`);
