// The live landscape's memory check, before anything starts: the estimate grows with the nets and the
// images, and too little memory (the backend's limit, or the device's) is a polite refusal with the
// numbers, never a start.
import { describe, expect, it } from 'vitest';
import { cifarResnetSpec } from '../../src/lib/arch/resnet';
import { analyze } from '../../src/lib/arch';
import { LANDSCAPE_CHUNK, checkLandscapeMemory, estimateLandscapeMemory, landscapeDevice } from '../../src/lib/landscape/live-memory';

const INPUT = { h: 28, w: 28, c: 1 } as const;
const pair = (depth: number, width: number) =>
  [false, true].map((shortcuts) => cifarResnetSpec(depth, { shortcuts, width, batchNorm: true, classes: 10 }));

describe('the live landscape memory estimate', () => {
  it('adds the lab’s nets and momentum to the larger net’s copies, one chunk’s activations and the images', () => {
    const specs = pair(8, 4);
    const m = estimateLandscapeMemory(specs, INPUT, 256);
    const a = specs.map((s) => analyze(s, INPUT).totals);
    expect(m.heldBytes).toBe(2 * 4 * (a[0]!.params + a[1]!.params));
    const peak = Math.max(...a.map((t) => 4 * 4 * t.params + 2 * t.activationBytes * LANDSCAPE_CHUNK));
    expect(m.mapBytes).toBe(peak + 256 * (28 * 28 + 1) * 4);
    expect(m.bytes).toBe(m.heldBytes + m.mapBytes);
  });

  it('grows with depth, width and images (the activations only up to one chunk)', () => {
    const small = estimateLandscapeMemory(pair(8, 4), INPUT, 256).bytes;
    expect(estimateLandscapeMemory(pair(56, 4), INPUT, 256).bytes).toBeGreaterThan(small);
    expect(estimateLandscapeMemory(pair(8, 32), INPUT, 256).bytes).toBeGreaterThan(small);
    expect(estimateLandscapeMemory(pair(8, 4), INPUT, 1024).bytes).toBeGreaterThan(small);
    const tiny = estimateLandscapeMemory(pair(8, 4), INPUT, 16);
    expect(tiny.bytes).toBeLessThan(small);
  });

  it('lets the default map of the default lab through on wasm, with or without a reported device memory', () => {
    const m = estimateLandscapeMemory(pair(20, 8), INPUT, 256);
    expect(checkLandscapeMemory(m, landscapeDevice('wasm', undefined))).toEqual({ ok: true, budgetBytes: 4 * 2 ** 30 });
    expect(checkLandscapeMemory(m, landscapeDevice('wasm', 8))).toEqual({ ok: true, budgetBytes: 4 * 2 ** 30 });
  });

  it('refuses before it starts when the device reports too little memory, saying how much is needed', () => {
    const m = estimateLandscapeMemory(pair(56, 32), INPUT, 1024);
    const fit = checkLandscapeMemory(m, landscapeDevice('webgl', 0.25));
    expect(fit.ok).toBe(false);
    if (fit.ok) return;
    expect(fit.message).toMatch(
      /^Not started: mapping these nets' landscape needs about [\d.]+ [MG]B of memory, and your browser reports about 0\.25 GB/,
    );
    expect(fit.message).toContain('Use fewer images or smaller nets, or another device.');
  });

  it('refuses what the wasm heap cannot hold', () => {
    const fit = checkLandscapeMemory({ bytes: 5 * 2 ** 30, heldBytes: 0, mapBytes: 5 * 2 ** 30 }, landscapeDevice('wasm', undefined));
    expect(fit).toEqual({ ok: false, message: expect.stringContaining('the wasm backend can hold at most 4.3 GB') as unknown });
  });
});
