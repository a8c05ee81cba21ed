// Prints how the 8-bit ResNet-50 compares with the float32 original: download bytes of each variant
// (from models.lock.json), and agreement on every gallery photo (top-1 identical count, mean top-5
// overlap), in Node on the tfjs wasm backend with the real files `npm run models` placed.
// `npm run bench:quantized`. Figures, not a test (tests/integration/inference-quantized.test.ts is the test).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { modelById } from '../src/lib/inference/models';
import { loadModel, type LoadedModel } from '../src/lib/inference/loader';
import { expectedDigests, lockedBytes } from '../src/lib/inference/lock';
import { classify } from '../src/lib/inference/classify';
import { agreement, photoAgreement } from '../src/lib/inference/agreement';
import { shortName } from '../src/lib/inference/labels';
import { GALLERY } from '../src/lib/data/gallery';
import { publicFetch, SITE, GALLERY_DIR, decodeImage, modelsPresent } from '../tests/helpers/node-models';

await tf.setBackend('wasm');
await tf.ready();

const ids = ['resnet50', 'resnet50_uint8'] as const;
if (!modelsPresent(ids)) {
  console.error('bench: the ResNet-50 files are missing from public/models/: run `npm run models` first');
  process.exit(1);
}
const models = {} as Record<(typeof ids)[number], LoadedModel>;
for (const id of ids) {
  const t = performance.now();
  models[id] = await loadModel(tf, [SITE + modelById(id).urls[0]], { fetchFunc: publicFetch, digests: expectedDigests(id) });
  console.log(
    `${id}: ${lockedBytes(id).toLocaleString('en')} bytes to download (${(lockedBytes(id) / 1e6).toFixed(1)} MB), ` +
      `loaded and SHA-256-verified from disk in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
const rows = [];
for (const photo of GALLERY) {
  const pixels = decodeImage(`${GALLERY_DIR}/${photo.file}`);
  const probs: ArrayLike<number>[] = [];
  for (const id of ids) probs.push((await classify(tf, models[id].model, modelById(id), pixels)).probs);
  pixels.dispose();
  rows.push(photoAgreement(photo.file, probs[0]!, probs[1]!));
}
for (const m of Object.values(models)) m.model.dispose();
const a = agreement(rows);
for (const r of rows)
  console.log(
    `  ${r.photo.padEnd(26)} top-1 ${shortName(r.reference)}${r.sameTop1 ? ' (both)' : ` vs ${shortName(r.candidate)}`}, top-5 overlap ${r.top5Overlap}/5`,
  );
const ratio = lockedBytes('resnet50_uint8') / lockedBytes('resnet50');
console.log(
  `agreement, 8-bit vs float32 on ${rows.length} gallery photos: top-1 identical ${a.top1Identical}/${rows.length}, ` +
    `mean top-5 overlap ${a.meanTop5Overlap.toFixed(2)}/5; download ${(ratio * 100).toFixed(1)}% of float32`,
);
