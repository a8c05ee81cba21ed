// Which backends to try, in order, and why: pure, so the policy is unit-tested apart from any GPU.
// The automatic choice takes WebGPU or WebGL only on a hardware adapter: their software fallbacks
// (SwiftShader) are many times slower than wasm on the CPU.
import type { BackendChoice, BackendName } from '../worker-rpc/backend';

export type GpuKind = 'hardware' | 'software' | 'none';

export function backendOrder(choice: BackendChoice, gpu: { webgpu: GpuKind; webgl: GpuKind }): { order: BackendName[]; why: string } {
  if (choice !== 'auto') {
    const rest = (['wasm', 'cpu'] as const).filter((b) => b !== choice);
    return { order: [choice, ...rest], why: 'your choice' };
  }
  if (gpu.webgpu === 'hardware') return { order: ['webgpu', 'wasm', 'cpu'], why: 'your GPU runs WebGPU' };
  if (gpu.webgl === 'hardware') return { order: ['webgl', 'wasm', 'cpu'], why: 'your GPU runs WebGL' };
  return { order: ['wasm', 'cpu'], why: 'no hardware GPU here, and WASM is the fastest on a CPU' };
}

/** Threads for the wasm backend: every core up to 8 (tfjs defaults to half the cores: one on 2). */
export function wasmThreadCount(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) && (hardwareConcurrency ?? 0) > 0 ? Math.floor(hardwareConcurrency!) : 2;
  return Math.max(1, Math.min(8, cores));
}

const GPU_LABEL = { webgpu: 'WebGPU', webgl: 'WebGL' } as const;

/**
 * What the reader is told when a GPU backend runs on a software adapter (SwiftShader, llvmpipe, …:
 * the GPU emulated on the CPU, as in headless Chromium with --enable-unsafe-webgpu), or null. The
 * automatic choice never takes one; chosen by hand it still runs, so the backend note says plainly
 * what to expect. Added to the note the worker posts with the backend it started.
 */
export function softwareAdapterWarning(started: BackendName, gpu: { webgpu: GpuKind; webgl: GpuKind }): string | null {
  if (started !== 'webgpu' && started !== 'webgl') return null;
  if (gpu[started] !== 'software') return null;
  const what = started === 'webgpu' ? 'adapter' : 'renderer';
  return `${GPU_LABEL[started]} on a software ${what} (no GPU in use: the browser emulates one on the CPU, e.g. SwiftShader): expect it to be many times slower than WASM`;
}
