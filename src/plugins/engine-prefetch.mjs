// "Preload what the first answer needs": on a page whose demos run on the classifier's engine
// (EngineEarly.astro), the engine worker's scripts and the wasm binary its backend compiles go into the
// browser's HTTP cache as the page itself loads, on a good connection (src/lib/start-early.ts), at the
// lowest priority (`<link rel="prefetch">`): nothing runs and no weight is fetched. On a phone that
// scrolls straight to a demo and clicks, the worker's 0.8 MB then no longer share the connection
// with the model's weights. The worker's own chunk and wasm names exist only once the site is built,
// so the script that adds the links is written into the built pages here, before csp-headers.mjs
// hashes their inline scripts; under `astro dev` its placeholder stays empty and does nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './built-pages.mjs';
import { mayStartEarly } from '../lib/start-early.ts';
import { wasmThreadCount } from '../lib/engine/backend-order.ts';

/** The placeholder EngineEarly.astro renders. */
const PLACEHOLDER = '<script data-engine-prefetch></script>';

/** The built files the engine's first answer needs, by role, among the names in the assets folder. */
export function engineFiles(names) {
  const one = (pattern) => names.find((n) => pattern.test(n));
  const files = {
    worker: one(/^classifier\.worker-[\w-]+\.js$/),
    runtime: one(/^classifier-runtime-[\w-]+\.js$/),
    wasmThreaded: one(/^tfjs-backend-wasm-threaded-simd-[\w-]+\.wasm$/),
    wasmSimd: one(/^tfjs-backend-wasm-simd-[\w-]+\.wasm$/),
  };
  const missing = Object.entries(files).filter(([, f]) => !f);
  if (missing.length) throw new Error(`engine-prefetch: no built ${missing.map(([k]) => k).join(', ')} among the assets`);
  return files;
}

/**
 * The inline script: on a connection mayStartEarly allows, a prefetch link for the worker, its tfjs
 * chunk and the wasm this page's worker will compile: the threaded build where the page is cross-origin
 * isolated and the worker would run more than one thread (src/workers/backends.ts decides the same way
 * with the same `wasmThreadCount`), the single-threaded SIMD build otherwise — a one-core phone would
 * not use the other's 436 kB.
 * `prefix` is the assets' URL path ("/_astro/").
 */
export function prefetchScript(files, prefix) {
  const url = (f) => JSON.stringify(prefix + f);
  return (
    `<script data-engine-prefetch>(()=>{const mayStartEarly=${mayStartEarly.toString().replace(/[ \t]+/g, ' ')};` +
    `const wasmThreadCount=${wasmThreadCount.toString().replace(/[ \t]+/g, ' ')};` +
    `if(!mayStartEarly(navigator.connection))return;` +
    `const threads=self.crossOriginIsolated&&wasmThreadCount(navigator.hardwareConcurrency)>1;` +
    `for(const href of [${url(files.worker)},${url(files.runtime)},threads?${url(files.wasmThreaded)}:${url(files.wasmSimd)}]){` +
    `const l=document.createElement('link');l.rel='prefetch';l.href=href;document.head.append(l);}})();</script>`
  );
}

/** @returns {import('astro').AstroIntegration} */
export function enginePrefetch() {
  let prefix = '/_astro/';
  let assets = '_astro';
  return {
    name: 'engine-prefetch',
    hooks: {
      'astro:config:done': ({ config }) => {
        assets = config.build.assets;
        prefix = `${config.base.replace(/\/?$/, '/')}${assets}/`;
      },
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        const script = prefetchScript(engineFiles(readdirSync(join(out, assets))), prefix);
        for (const file of htmlFiles(out)) {
          const html = readFileSync(file, 'utf8');
          if (html.includes(PLACEHOLDER)) writeFileSync(file, html.replaceAll(PLACEHOLDER, script));
        }
      },
    },
  };
}
