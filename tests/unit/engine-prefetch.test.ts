// The script the build writes into demo pages (src/plugins/engine-prefetch.mjs): which built files it
// names, and what it does on each connection, run as the page would run it.
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { engineFiles, prefetchScript } from '../../src/plugins/engine-prefetch.mjs';

const ASSETS = [
  'Classifier.C-0RS6OR.js',
  'classifier-runtime-BChB9ytc.js',
  'classifier.worker-DQiux1hK.js',
  'decode.worker-C7Pb2WfF.js',
  'tfjs-backend-wasm-BIA8cDLW.wasm',
  'tfjs-backend-wasm-simd-BrM3BlWr.wasm',
  'tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm',
];

/** Runs the inline script on a page with this connection and isolation; returns the links it added. */
function run(connection: object | undefined, crossOriginIsolated: boolean, hardwareConcurrency?: number): { rel: string; href: string }[] {
  const html = prefetchScript(engineFiles(ASSETS), '/base/_astro/');
  const code = html.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
  const head: { rel: string; href: string }[] = [];
  const document = { createElement: () => ({ rel: '', href: '' }), head: { append: (l: { rel: string; href: string }) => head.push(l) } };
  const self = { crossOriginIsolated };
  runInNewContext(code, { document, navigator: { ...(connection ? { connection } : {}), hardwareConcurrency }, self });
  return head;
}

describe('engine prefetch', () => {
  it('names the worker, its tfjs chunk and both wasm binaries among the built assets', () => {
    expect(engineFiles(ASSETS)).toEqual({
      worker: 'classifier.worker-DQiux1hK.js',
      runtime: 'classifier-runtime-BChB9ytc.js',
      wasmThreaded: 'tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm',
      wasmSimd: 'tfjs-backend-wasm-simd-BrM3BlWr.wasm',
    });
    expect(() => engineFiles(ASSETS.filter((f) => !f.startsWith('classifier-runtime')))).toThrow('no built runtime');
  });

  it('on a good or unknown connection, prefetches the worker, tfjs and the wasm this page will compile', () => {
    const isolated = run({ effectiveType: '4g', saveData: false }, true);
    expect(isolated.map((l) => l.rel)).toEqual(['prefetch', 'prefetch', 'prefetch']);
    expect(isolated.map((l) => l.href)).toEqual([
      '/base/_astro/classifier.worker-DQiux1hK.js',
      '/base/_astro/classifier-runtime-BChB9ytc.js',
      '/base/_astro/tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm',
    ]);
    // No threads without cross-origin isolation, and no Network Information API (Firefox, Safari).
    expect(
      run(undefined, false)
        .map((l) => l.href)
        .at(-1),
    ).toBe('/base/_astro/tfjs-backend-wasm-simd-BrM3BlWr.wasm');
    // One core: the worker runs one thread, so the SIMD build, even where threads are possible.
    expect(run({ effectiveType: '4g' }, true, 1).at(-1)?.href).toBe('/base/_astro/tfjs-backend-wasm-simd-BrM3BlWr.wasm');
    expect(run({ effectiveType: '4g' }, true, 8).at(-1)?.href).toBe('/base/_astro/tfjs-backend-wasm-threaded-simd-BLCcuiBu.wasm');
  });

  it('prefetches nothing when the reader saves data or the connection is slow', () => {
    expect(run({ effectiveType: '4g', saveData: true }, true)).toEqual([]);
    expect(run({ effectiveType: '3g', saveData: false }, true)).toEqual([]);
  });
});
