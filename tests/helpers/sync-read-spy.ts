// Spies on every synchronous read tfjs offers (see tests/unit/no-sync-reads.test.ts for why), shared by
// the unit tests (training, tiny nets) and the integration test (classification with real weights).
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';

type Spied = { target: object; name: string; original: (...args: unknown[]) => unknown };

/** Records every synchronous read (with where it came from) while installed; reads still work. */
export class SyncReadSpy {
  readonly calls: string[] = [];
  private readonly spied: Spied[] = [];

  install(): this {
    const targets: [object, string][] = [
      [tf.engine(), 'readSync'],
      [tf.Tensor.prototype, 'dataSync'],
      [tf.Tensor.prototype, 'arraySync'],
      [tf.Tensor.prototype, 'bufferSync'],
    ];
    for (const [target, name] of targets) {
      const t = target as Record<string, (...args: unknown[]) => unknown>;
      const original = t[name]!;
      const calls = this.calls;
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: function (this: unknown, ...args: unknown[]) {
          const stack = (new Error().stack ?? '').split('\n').slice(2, 8).join('\n');
          calls.push(`${name}\n${stack}`);
          return original.apply(this, args);
        },
      });
      this.spied.push({ target, name, original });
    }
    return this;
  }

  restore(): void {
    for (const { target, name, original } of this.spied.splice(0).reverse()) {
      // The engine's method lives on its class: drop the own property. The Tensor methods were own
      // properties of the prototype: put them back.
      if (target === tf.engine()) delete (target as Record<string, unknown>)[name];
      else Object.defineProperty(target, name, { configurable: true, writable: true, value: original });
    }
  }

  /** The first read, for a failing test's message. */
  get first(): string {
    return this.calls[0] ?? '(none)';
  }
}

/** The spy installed by the running `noSyncReads` (a live binding: tests read its calls). */
export let spy: SyncReadSpy | null = null;
export async function noSyncReads<T>(fn: () => Promise<T>): Promise<T> {
  spy = new SyncReadSpy().install();
  try {
    return await fn();
  } finally {
    spy.restore();
  }
}
/** For `afterEach`: a test that failed inside `noSyncReads` leaves no spy installed. */
export function releaseSpy(): void {
  spy?.restore();
  spy = null;
}

export const expectNoSyncReads = (): void => {
  expect(spy!.calls.length, `synchronous read(s), the first:\n${spy!.first}`).toBe(0);
};
