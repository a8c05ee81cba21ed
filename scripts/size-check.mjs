#!/usr/bin/env node
// Proves that pages without a demo ship no TensorFlow.js and no d3: for every built HTML page,
// follow the JavaScript it loads up front (module scripts, their static imports, and island
// components) and look for code that only tfjs or d3 contain. A page with no island may load
// neither; a page with a demo island may draw with d3, but tfjs must arrive through a dynamic
// import when the reader starts the demo (this walk does not follow dynamic imports).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');

// Strings that survive minification and that only these libraries carry.
const MARKERS = {
  tfjs: ['BatchMatMul', 'FusedConv2D'], // tfjs kernel names
  d3: ['http://www.w3.org/2000/xmlns/'], // d3-selection's namespace table
};

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(p);
    return name.endsWith('.html') ? [p] : [];
  });
}

const toFile = (url, fromFile) =>
  url.startsWith('/') ? join(dist, url.split(/[?#]/)[0]) : resolve(dirname(fromFile), url.split(/[?#]/)[0]);

/** Static imports only: `import "./x.js"`, `import {a} from "./x.js"`, `export * from "./x.js"`. */
function staticImports(code) {
  const out = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) out.push(m[1]);
  return out;
}

function reachableScripts(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const queue = [];
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) queue.push(toFile(m[1], htmlPath));
  for (const m of html.matchAll(/component-url="([^"]+)"/g)) queue.push(toFile(m[1], htmlPath));
  for (const m of html.matchAll(/renderer-url="([^"]+)"/g)) queue.push(toFile(m[1], htmlPath));
  for (const m of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    for (const imp of staticImports(m[1])) queue.push(toFile(imp, htmlPath));
  }
  const seen = new Set();
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of staticImports(readFileSync(file, 'utf8'))) queue.push(toFile(imp, file));
  }
  return { files: [...seen], islands: (html.match(/<astro-island/g) ?? []).length };
}

let failures = 0;
const rows = [];
for (const page of htmlFiles(dist).sort()) {
  const { files, islands } = reachableScripts(page);
  const code = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  const found = Object.entries(MARKERS)
    .filter(([, marks]) => marks.some((m) => code.includes(m)))
    .map(([lib]) => lib);
  const forbidden = islands === 0 ? found : found.filter((lib) => lib === 'tfjs');
  const kb = files.reduce((s, f) => s + statSync(f).size, 0) / 1024;
  const name = '/' + relative(dist, page);
  rows.push(`${name.padEnd(34)} ${String(islands).padStart(7)} ${kb.toFixed(1).padStart(9)}  ${found.join(', ') || '-'}`);
  if (forbidden.length > 0) {
    failures++;
    console.error(`✗ ${name} loads ${forbidden.join(' and ')} up front; it must be loaded on demand`);
  }
}
console.log(`${'page'.padEnd(34)} islands  JS (KiB)  tfjs/d3 up front`);
for (const r of rows) console.log(r);
if (failures) {
  console.error(`size check: ${failures} page(s) load tfjs or d3 up front`);
  process.exit(1);
}
console.log(`size check: ${rows.length} pages; text-only pages load no tfjs or d3, no page loads tfjs up front`);
