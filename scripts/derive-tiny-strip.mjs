#!/usr/bin/env node
// Picks the strip of test images the tiny-nets figure offers: the first image of each class in the
// committed Fashion-MNIST test subset (public/data/fashion-mnist/), in class order, written with
// their index in that subset to src/lib/data/tiny-strip.json (pixels base64, 28×28 uint8).
// Deterministic; tests/unit/tiny-strip.test.ts checks the file against the subset.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const dir = new URL('../public/data/fashion-mnist/', import.meta.url);
const images = gunzipSync(readFileSync(new URL('t10k-images-idx3-ubyte.gz', dir)));
const labels = gunzipSync(readFileSync(new URL('t10k-labels-idx1-ubyte.gz', dir)));
const count = labels.readUInt32BE(4);
const px = images.readUInt32BE(8) * images.readUInt32BE(12);
const strip = [];
for (let c = 0; c < 10; c++) {
  let i = 0;
  while (i < count && labels[8 + i] !== c) i++;
  if (i === count) throw new Error(`no test image of class ${c}`);
  strip.push({ index: i, label: c, pixels: images.subarray(16 + i * px, 16 + (i + 1) * px).toString('base64') });
}
const out = new URL('../src/lib/data/tiny-strip.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ generatedBy: 'scripts/derive-tiny-strip.mjs', from: 'public/data/fashion-mnist/t10k-*-idx*-ubyte.gz', images: strip }, null, 1)}\n`,
);
console.log(`wrote ${out.pathname}: test images ${strip.map((s) => s.index).join(', ')}`);
