/**
 * One race: for each racer in turn, build (or load) the model, time its forward passes with the race
 * protocol, and dispose it before the next, so memory peaks at one model. tfjs and the model builder
 * are passed in (type-only imports here): the same code can run on the page or in a Web Worker, and
 * the page decides when tfjs is downloaded.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ArchSpec, Shape } from '../arch';
import { raceRow, racerSpec, square, type RaceRow, type RacerId, type Weights } from './racers';
import { timeRuns, type RaceProtocol, type RunProgress } from './timing';
import type { Tf } from '../tf';

export interface BuildHooks {
  readonly onProgress?: (p: { done: number; total: number; id: string; stageIndex: number }) => void;
  readonly signal?: AbortSignal;
  readonly pause?: () => Promise<void>;
}
/** `buildModelStepwise` from `src/lib/arch/tfjs-model` (or anything with its contract). */
export type BuildFn = (spec: ArchSpec, opts: { input: Shape; init: 'zeros' | 'random' }, hooks: BuildHooks) => Promise<tfjs.LayersModel>;

export interface Racer {
  readonly id: RacerId;
  readonly weights: Weights;
  /** For real weights: loads the model (the race then checks the signal once it arrives). */
  readonly load?: () => Promise<tfjs.LayersModel>;
}

export type RaceEvent =
  | { readonly type: 'build'; readonly racer: RacerId; readonly done: number; readonly total: number; readonly layer: string }
  | { readonly type: 'load'; readonly racer: RacerId }
  | { readonly type: 'run'; readonly racer: RacerId; readonly progress: RunProgress }
  | { readonly type: 'result'; readonly row: RaceRow }
  | { readonly type: 'disposed'; readonly racer: RacerId; readonly memory: MemorySnapshot };

export interface RaceOptions {
  readonly racers: readonly Racer[];
  /** Input side in pixels (square RGB image, batch of one). */
  readonly side: number;
  readonly protocol: RaceProtocol;
  readonly now: () => number;
  readonly signal?: AbortSignal | undefined;
  readonly pause?: (() => Promise<void>) | undefined;
  readonly onEvent?: ((e: RaceEvent) => void) | undefined;
}

export interface MemorySnapshot {
  readonly numTensors: number;
  readonly numBytes: number;
}

export const memorySnapshot = (tf: Tf): MemorySnapshot => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
};

export const sameMemory = (a: MemorySnapshot, b: MemorySnapshot): boolean => a.numTensors === b.numTensors && a.numBytes === b.numBytes;

/** Time one model: a random image in, the class scores read back (so asynchronous backends finish). */
async function timeModel(tf: Tf, model: tfjs.LayersModel, racer: Racer, opts: RaceOptions): Promise<RaceRow> {
  const x = tf.randomUniform([1, opts.side, opts.side, 3], 0, 1);
  try {
    const once = async (): Promise<void> => {
      const y = model.predict(x) as tfjs.Tensor;
      try {
        await y.data();
      } finally {
        y.dispose();
      }
    };
    const timing = await timeRuns(once, opts.protocol, {
      now: opts.now,
      signal: opts.signal,
      pause: opts.pause,
      onRun: (progress) => opts.onEvent?.({ type: 'run', racer: racer.id, progress }),
    });
    return raceRow(racer.id, racer.weights, opts.side, timing);
  } finally {
    x.dispose();
  }
}

/** Run the race; every model and tensor it made is disposed, whether it finishes, fails or is cancelled
 * (then it rejects with the signal's reason). */
export async function runRace(tf: Tf, build: BuildFn, opts: RaceOptions): Promise<RaceRow[]> {
  const rows: RaceRow[] = [];
  for (const racer of opts.racers) {
    opts.signal?.throwIfAborted();
    let model: tfjs.LayersModel | undefined;
    try {
      if (racer.load) {
        opts.onEvent?.({ type: 'load', racer: racer.id });
        model = await racer.load();
        opts.signal?.throwIfAborted();
      } else {
        const hooks: BuildHooks = {
          onProgress: (p) => opts.onEvent?.({ type: 'build', racer: racer.id, done: p.done, total: p.total, layer: p.id }),
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.pause ? { pause: opts.pause } : {}),
        };
        model = await build(
          racerSpec(racer.id),
          { input: square(opts.side), init: racer.weights === 'random' ? 'random' : 'zeros' },
          hooks,
        );
      }
      const row = await timeModel(tf, model, racer, opts);
      rows.push(row);
      opts.onEvent?.({ type: 'result', row });
    } finally {
      model?.dispose();
      opts.onEvent?.({ type: 'disposed', racer: racer.id, memory: memorySnapshot(tf) });
    }
  }
  return rows;
}
