// Writes the committed Fashion-MNIST subset (public/data/fashion-mnist/) from Debian's
// dataset-fashion-mnist: the first 10,000 training and the first 2,000 test images, in the
// original gzipped IDX format. `npm exec node scripts/derive-fashion-mnist.mjs`.
// (apt-get install dataset-fashion-mnist; files in /usr/share/datasets/fashion-mnist/.)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const SRC = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const OUT = new URL('../public/data/fashion-mnist/', import.meta.url);
const TRAIN = 10_000;
const TEST = 2_000;

function readIdx(name) {
  const b = gunzipSync(readFileSync(`${SRC}/${name}`));
  const nd = b[3];
  const dims = Array.from({ length: nd }, (_, i) => b.readUInt32BE(4 + 4 * i));
  return { dims, data: b.subarray(4 + 4 * nd) };
}

function writeIdx(name, dims, data) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x0800 | dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  // mtime 0 in the gzip header (level 9): the same input always gives the same bytes.
  const gz = gzipSync(Buffer.concat([head, data]), { level: 9 });
  writeFileSync(new URL(name, OUT), gz);
  return gz.length;
}

mkdirSync(OUT, { recursive: true });
for (const [images, labels, n] of [
  ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', TRAIN],
  ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', TEST],
]) {
  const im = readIdx(images);
  const lb = readIdx(labels);
  const px = im.dims[1] * im.dims[2];
  const a = writeIdx(images, [n, im.dims[1], im.dims[2]], im.data.subarray(0, n * px));
  const b = writeIdx(labels, [n], lb.data.subarray(0, n));
  console.log(`${images}: ${n} images, ${a} bytes; ${labels}: ${b} bytes`);
}
