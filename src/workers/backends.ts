// Starting a tfjs backend inside a Web Worker: wasm (threads when the page is cross-origin isolated,
// else single-threaded SIMD), WebGPU, WebGL (on an OffscreenCanvas) or plain JS, with fallbacks the
// reader is told about. Only worker code imports this; the pages never load tfjs themselves.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendInfo, BackendName } from '../lib/worker-rpc/backend';
import { backendOrder, softwareAdapterWarning, wasmThreadCount } from '../lib/engine/backend-order';
import { servedPoolScript, startPthreadPool, withPrestartedWorkers } from './pthread-pool';
import { setPhase } from '../lib/worker-rpc/alive';
import { GPU_START_MS, withDeadline } from '../lib/worker-rpc/watchdog';
import { measured } from '../lib/perf/marks';
import { BACKEND_START, backendMeasure } from '../lib/perf/cold-timeline';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// Threads need SharedArrayBuffer (cross-origin isolation) and tfjs's pthread scripts served as files
// (src/plugins/tfjs-wasm-threads.mjs says where they are only when it has patched the backend for that).
const patched = servedPoolScript() !== undefined;
const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
const threadsPossible = patched && isolated && typeof SharedArrayBuffer !== 'undefined';
let wantedThreads = wasmThreadCount(navigator.hardwareConcurrency);
let threadsOn = threadsPossible;
/** Threads for the wasm backend (1 turns them off, e.g. to benchmark); only before wasm first starts. */
function configureThreads(threads: number | undefined): void {
  if (wasmStarted) return;
  if (threads !== undefined) wantedThreads = Math.max(1, Math.floor(threads));
  threadsOn = threadsPossible && wantedThreads > 1;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threadsOn);
  if (threadsOn) setThreadsCount(wantedThreads);
}
let wasmStarted = false;
/** Why the threaded wasm backend failed in this worker, when it did. */
let threadsFailed: string | null = null;
configureThreads(undefined);

/**
 * tfjs 4.22's C++ caps the pool at half of navigator.hardwareConcurrency (read once while the module
 * starts), whatever setThreadsCount asks: one thread on a 2-core machine. While the backend starts,
 * report twice the wanted count to the module so the cap is the count we chose, then restore it.
 */
async function withReportedCores<T>(cores: number, run: () => Promise<T>): Promise<T> {
  const nav = navigator as unknown as Record<string, unknown>;
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await run();
  } finally {
    delete nav['hardwareConcurrency'];
  }
}
const noThreadsWhy = !isolated
  ? 'this page is not cross-origin isolated'
  : !patched
    ? 'this build serves no threaded backend'
    : 'no SharedArrayBuffer';

/** The kind of GPU behind WebGPU: hardware, a software fallback, or none at all. */
async function webgpuAdapter(): Promise<'hardware' | 'software' | 'none'> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'none';
  try {
    const adapter = (await gpu.requestAdapter()) as {
      isFallbackAdapter?: boolean;
      info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
    } | null;
    if (!adapter) return 'none';
    const info = adapter.info ?? {};
    const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`;
    const software =
      adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || /swiftshader|llvmpipe|software|lavapipe/i.test(text);
    return software ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

function webglKind(): 'hardware' | 'software' | 'none' {
  try {
    if (typeof OffscreenCanvas === 'undefined') return 'none';
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software|basic render/i.test(renderer) ? 'software' : 'hardware';
  } catch {
    return 'none';
  }
}

let webgpuImported: Promise<unknown> | null = null;

async function tryStart(name: BackendName): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  setPhase('starting', name, name === 'wasm' ? (threadsOn ? wantedThreads : 1) : undefined);
  // The WebGPU backend registers itself on import: only load its code when it is wanted.
  if (name === 'webgpu') await (webgpuImported ??= import('@tensorflow/tfjs-backend-webgpu'));
  const start = () =>
    measured(backendMeasure(name), async () => {
      const ok = await tf.setBackend(name);
      if (ok) await tf.ready();
      return ok;
    });
  // A GPU backend waits on the browser (an adapter, a device, a context) and may never hear back while
  // this worker stays responsive: give up after a while and let the next backend start. Not wasm: its
  // start includes the wasm download, which may be slow on a phone without being stuck.
  if (name === 'webgpu' || name === 'webgl') return withDeadline(start(), GPU_START_MS, `it did not start within ${GPU_START_MS / 1000} s`);
  if (name !== 'wasm') return start();
  wasmStarted = true;
  if (!threadsOn) return start();
  try {
    const pool = await startPthreadPool(servedPoolScript()!);
    if (await withPrestartedWorkers(pool, () => withReportedCores(2 * wantedThreads, start))) return true;
    threadsFailed = 'the threaded backend did not start';
  } catch (e) {
    threadsFailed = (e as Error).message;
  }
  // Threads could not start here (a pthread script that failed to load, a thread that never ran):
  // this worker goes on with wasm on one thread, which starts no nested worker.
  threadsOn = false;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setPhase('starting', 'wasm', 1);
  return start();
}

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'plain JavaScript' };

export async function startBackend(choice: BackendChoice, opts: { threads?: number } = {}): Promise<BackendInfo> {
  // The page's watchdog allows a starting worker only a few seconds of silence (src/lib/engine/watchdog.ts).
  setPhase('starting');
  try {
    const info = await measured(BACKEND_START, () => startFirstThatWorks(choice, opts));
    setPhase('ready', info.name, info.threads);
    return info;
  } catch (e) {
    setPhase('ready');
    throw e;
  }
}

async function startFirstThatWorks(choice: BackendChoice, opts: { threads?: number }): Promise<BackendInfo> {
  configureThreads(opts.threads);
  // Probed for the automatic choice, and for a GPU backend chosen by hand (to warn when it is software).
  const [gpu, gl] =
    choice === 'auto'
      ? [await webgpuAdapter(), webglKind()]
      : ([choice === 'webgpu' ? await webgpuAdapter() : 'none', choice === 'webgl' ? webglKind() : 'none'] as const);
  const { order, why } = backendOrder(choice, { webgpu: gpu, webgl: gl });
  const failed: string[] = [];
  for (const name of order) {
    try {
      if (!(await tryStart(name))) {
        failed.push(`${LABEL[name]} did not start`);
        continue;
      }
    } catch (e) {
      failed.push(`${LABEL[name]} failed to start (${(e as Error).message})`);
      continue;
    }
    let note = failed.length ? `${failed.join('; ')}, so using ${LABEL[name]}` : name === order[0] ? why : `using ${LABEL[name]}`;
    const slow = softwareAdapterWarning(name, { webgpu: gpu, webgl: gl });
    if (slow) note += `; ${slow}`;
    const info: BackendInfo = { name, note };
    if (name === 'wasm') {
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      const threads = threadsOn ? getThreadsCount() : 1;
      note += `; SIMD ${simd ? 'on' : 'off'}, ${threads > 1 ? `${threads} threads` : `one thread (${!threadsPossible ? noThreadsWhy : threadsFailed !== null ? `threads failed to start: ${threadsFailed}` : threadsOn ? 'the backend chose one' : 'threads turned off'})`}`;
      Object.assign(info, { note, simd, threads });
    }
    return info;
  }
  throw new Error(`No TensorFlow.js backend could start: ${failed.join('; ')}.`);
}

/** int32 RGB pixels of an ImageBitmap or ImageData, as tf.browser.fromPixels gives them. */
export const toPixels = (
  image: ImageBitmap | ImageData | { width: number; height: number; data: Uint8Array | Uint8ClampedArray },
): tf.Tensor3D => tf.browser.fromPixels(image as ImageBitmap, 3);

export { tf };
