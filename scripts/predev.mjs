#!/usr/bin/env node
// `npm run dev` runs this first: it places the demos' models as `npm test` does (scripts/models.mjs:
// from MODELS_MIRROR, else their public sources, every file verified). When that cannot be done, for
// example offline, the dev server still starts: this prints which models are missing and how to get
// them, and the demos say the same when a reader picks a photo.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(process.execPath, [join(root, 'scripts', 'models.mjs')], { stdio: 'inherit', timeout: 15 * 60_000 });
if (run.status === 0) process.exit(0);

const lock = JSON.parse(readFileSync(join(root, 'models.lock.json'), 'utf8'));
const missing = Object.keys(lock.models).filter((id) => !existsSync(join(root, 'public', 'models', id, 'model.json')));
console.warn(
  [
    '',
    "predev: the demos' models could not all be placed, so the site starts without " +
      (missing.length ? missing.join(', ') : 'some of them') +
      '.',
    'The pages work; a demo that needs a missing model says so when you pick a photo.',
    'To get them: connect to the internet and run `npm run models`, or point MODELS_MIRROR at a folder',
    'holding a copy (for example `MODELS_MIRROR=../shared/models npm run models`), then reload the page.',
    '',
  ].join('\n'),
);
process.exit(0);
