import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/lib/arch';
import { backendLimits, checkCapacity, WASM_MAX_BYTES, webglMaxTensorBytes } from '../../src/lib/race/capacity';
import { estimateMemory } from '../../src/lib/race/memory';
import { square } from '../../src/lib/race/racers';

const vgg224 = estimateMemory(getModel('vgg16'), square(224));
const vgg32 = estimateMemory(getModel('vgg16'), square(32));

describe('device capacity check', () => {
  it('lets VGG-16 at 224 run on a device reporting 8 GB, with wasm’s 4 GiB heap', () => {
    const v = checkCapacity(vgg224, { deviceMemoryGiB: 8, backend: 'wasm', limits: backendLimits('wasm') });
    expect(v.ok).toBe(true);
    expect(v.budgetBytes).toBe(4 * 2 ** 30);
  });

  it('refuses politely on a 1 GB device, saying how much is needed', () => {
    const v = checkCapacity(vgg224, { deviceMemoryGiB: 1, backend: 'wasm', limits: backendLimits('wasm') });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toMatch(/^Sorry: this race needs about 6\d\d MB of memory/);
    expect(v.message).toMatch(/1 GB of device memory/);
    expect(v.message).toMatch(/smaller input size/);
    // …while 32 px input fits the same device.
    expect(checkCapacity(vgg32, { deviceMemoryGiB: 1, backend: 'wasm', limits: {} }).ok).toBe(true);
  });

  it('without navigator.deviceMemory it relies on the backend limits alone', () => {
    const v = checkCapacity(vgg224, { backend: 'cpu', limits: backendLimits('cpu') });
    expect(v).toMatchObject({ ok: true, budgetBytes: null });
  });

  it('refuses when a layer exceeds the largest WebGL texture', () => {
    const limits = backendLimits('webgl', 4096);
    expect(limits.maxTensorBytes).toBe(webglMaxTensorBytes(4096));
    const v = checkCapacity(vgg224, { backend: 'webgl', limits });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(/fc1, 411 MB/);
    expect(checkCapacity(vgg224, { backend: 'webgl', limits: backendLimits('webgl', 16384) }).ok).toBe(true);
  });

  it('refuses beyond the wasm heap', () => {
    const huge = { ...vgg224, totalBytes: WASM_MAX_BYTES + 1 };
    const v = checkCapacity(huge, { backend: 'wasm', limits: backendLimits('wasm') });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(/wasm backend can hold at most 4\.3 GB/);
  });
});
