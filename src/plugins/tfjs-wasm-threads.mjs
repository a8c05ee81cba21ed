// Makes the tfjs wasm backend's threaded-SIMD build start inside a Web Worker under Vite.
//
// Why: tfjs starts its Emscripten pthreads from Blobs it builds at run time, one of them from
// `wasmFactoryThreadedSimd.toString()`. Once Vite/esbuild has bundled and minified that factory, its
// source text no longer stands on its own ("e is not defined" in the pthread worker), so threads fail.
// Fix: serve tfjs's own, untouched pthread scripts as static files of this site and point the backend
// at their URLs instead of the Blobs. Same-origin URLs also keep `blob:` out of the CSP.
//
// In production builds both files are emitted under `_astro/tfjs-wasm-<version>/`; `astro dev`
// serves them from node_modules. The patched module says where the pthread script is and how a pool
// worker announces itself (`__tfjsWasmPthreadPool`, read by src/workers/pthread-pool.ts); a build
// without this plugin (or a future tfjs whose source no longer matches) lacks it, so the worker runtime
// runs single-threaded SIMD instead of hanging, and says so.
//
// Two routes to the same patch: `astro build` reads backend_wasm.js through Vite's transform hook; in
// `astro dev` tfjs is pre-bundled by Vite's dependency optimizer (Rolldown), which never calls Vite
// transform hooks, so the plugin also hands the optimizer a Rolldown plugin doing the same replacement.
// Excluding the package from pre-bundling instead would not work: its ESM imports CommonJS Emscripten
// factories (`wasm-out/*.js`) that only the optimizer converts for the browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
const DIR = `_astro/tfjs-wasm-${version}`;
const MAIN = 'tfjs-backend-wasm-threaded-simd.js';
const WORKER = 'tfjs-backend-wasm-threaded-simd.worker.js';
/** How the worker runtime starts the pthread pool itself (src/workers/pthread-pool.ts reads this). */
const POOL = { name: 'tfjs-pthread-pool', started: 'tfjsPthreadStarted' };

/** The two pthread scripts: what tfjs itself would put in its Blobs, the worker's with one statement in front. */
function files() {
  const main = readFileSync(path.join(pkgDir, 'wasm-out', MAIN), 'utf8');
  // The worker script ships as a CommonJS string export. Unquoting it turns the `\n` escapes inside
  // its own string literals into line breaks; tfjs escapes them back before making its Blob, so do too.
  const workerModule = { exports: {} };
  new Function('module', readFileSync(path.join(pkgDir, 'wasm-out', WORKER), 'utf8'))(workerModule);
  const worker = String(workerModule.exports.wasmWorkerContents).replace(/\n/g, '\\n');
  // One statement in front (the script is one line): a worker started under POOL.name says when its
  // script runs, so src/workers/pthread-pool.ts can start the pool one worker at a time.
  const announce = `if(self.name===${JSON.stringify(POOL.name)})postMessage({cmd:${JSON.stringify(POOL.started)}});`;
  return { [MAIN]: main, [WORKER]: announce + worker };
}

const WORKER_BLOB =
  /const response = wasmWorkerContents\.replace\([^;]*\);\s*const blob = new Blob\(\[response\], \{ type: 'application\/javascript' \}\);\s*return URL\.createObjectURL\(blob\);/;
const MAIN_BLOB =
  /factoryConfig\.mainScriptUrlOrBlob = new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\);/;

const BACKEND = /tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

/**
 * backend_wasm.js pointed at the served pthread scripts, or null when `id` is another module or the
 * source no longer matches (then `warn` says so and the backend runs without threads).
 * @param {string} code @param {string} id @param {string} base @param {(message: string) => void} warn
 */
function patchBackend(code, id, base, warn) {
  if (!BACKEND.test(id.split('?')[0] ?? '')) return null;
  if (!WORKER_BLOB.test(code) || !MAIN_BLOB.test(code)) {
    warn('tfjs-wasm-threads: backend_wasm.js no longer matches; the wasm backend will run without threads');
    return null;
  }
  const url = (/** @type {string} */ name) => JSON.stringify(`${base}${DIR}/${name}`);
  const patched = code
    .replace(WORKER_BLOB, `return new URL(${url(WORKER)}, self.location.href).href;`)
    .replace(MAIN_BLOB, `factoryConfig.mainScriptUrlOrBlob = new URL(${url(MAIN)}, self.location.href).href;`);
  const pool = `{ script: new URL(${url(WORKER)}, self.location.href).href, name: ${JSON.stringify(POOL.name)}, started: ${JSON.stringify(POOL.started)} }`;
  return { code: `globalThis.__tfjsWasmPthreadPool = ${pool};\n${patched}`, map: null };
}

/** @returns {import('vite').Plugin} */
export function tfjsWasmThreads() {
  let base = '/';
  /** The same patch inside Vite's dependency optimizer (`astro dev`), which skips Vite's transform hooks. */
  /** @type {import('rolldown').Plugin} */
  const optimizerPlugin = {
    name: 'tfjs-wasm-threads:optimizer:pool',
    transform(code, id) {
      return patchBackend(code, id, base, (message) => this.warn(message));
    },
  };
  return {
    name: 'tfjs-wasm-threads',
    // Vite keys its dependency cache on the optimizer plugins' names: rename this plugin (or empty
    // node_modules/.vite) when the patch changes, or a dev server keeps the previously patched copy.
    config: () => ({ optimizeDeps: { rolldownOptions: { plugins: [optimizerPlugin] } } }),
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
    },
    transform(code, id) {
      return patchBackend(code, id, base, (message) => this.warn(message));
    },
    configureServer(server) {
      const served = files();
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.replace(`${base}${DIR}/`, '');
        const body = name && req.url?.startsWith(`${base}${DIR}/`) ? served[name] : undefined;
        if (body === undefined) return next();
        // Vite adds `server.headers` only to what it serves itself. The pthread worker script needs
        // the page's COEP too, or a cross-origin-isolated page may not start it (ERR_BLOCKED_BY_RESPONSE).
        for (const [key, value] of Object.entries(server.config.server.headers ?? {})) {
          if (value !== undefined) res.setHeader(key, value);
        }
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [name, source] of Object.entries(files())) {
        this.emitFile({ type: 'asset', fileName: `${DIR}/${name}`, source });
      }
    },
  };
}
