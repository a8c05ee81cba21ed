// The backend note's warning for a GPU backend emulated in software (src/lib/engine/backend-order.ts),
// which src/workers/backends.ts adds to the note of the backend it started.
import { describe, expect, it } from 'vitest';
import { softwareAdapterWarning, type GpuKind } from '../../src/lib/engine/backend-order';
import type { BackendName } from '../../src/lib/worker-rpc/backend';

const gpus = (webgpu: GpuKind, webgl: GpuKind = 'none') => ({ webgpu, webgl });

describe('softwareAdapterWarning', () => {
  it('tells a reader on WebGPU with a software adapter, plainly, that it will be many times slower than WASM', () => {
    expect(softwareAdapterWarning('webgpu', gpus('software'))).toBe(
      'WebGPU on a software adapter (no GPU in use: the browser emulates one on the CPU, e.g. SwiftShader): expect it to be many times slower than WASM',
    );
  });

  it('says the same of WebGL on a software renderer', () => {
    expect(softwareAdapterWarning('webgl', gpus('none', 'software'))).toMatch(
      /^WebGL on a software renderer \(.*\): expect it to be many times slower than WASM$/,
    );
  });

  it('says nothing on a hardware adapter, an unknown one, or for the CPU backends', () => {
    expect(softwareAdapterWarning('webgpu', gpus('hardware'))).toBeNull();
    expect(softwareAdapterWarning('webgpu', gpus('none'))).toBeNull();
    for (const name of ['wasm', 'cpu'] satisfies BackendName[])
      expect(softwareAdapterWarning(name, gpus('software', 'software'))).toBeNull();
  });

  it('looks only at the adapter of the backend that started (a WebGPU fallback to WebGL, or the reverse)', () => {
    expect(softwareAdapterWarning('webgl', gpus('software', 'hardware'))).toBeNull();
    expect(softwareAdapterWarning('webgpu', gpus('software', 'hardware'))).toMatch(/^WebGPU on a software adapter/);
  });
});
