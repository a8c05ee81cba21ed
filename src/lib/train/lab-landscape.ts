/**
 * The live landscape in the lab's worker: the loss around each of the two nets the lab just trained,
 * on an n × n grid of α, β ∈ [−1, 1] along two filter-normalised random directions (Li et al. 2018
 * §4; src/lib/landscape/), on the first `images` training images, one net after the other. Each
 * point's progress and each finished grid go out as events. The nets' weights are put back exactly on
 * every path (src/lib/landscape/grid.ts), and the images and directions are freed on every path:
 * done, cancelled (the signal) or failed. A net that diverged in training gets a grid of NaN (a
 * result, shown as marked cells), without computing.
 */
import { disposeDirection, randomDirection } from '../landscape/directions';
import { lossGrid } from '../landscape/grid';
import { LANDSCAPE_CHUNK } from '../landscape/live-memory';
import type { LandscapeArgs, LandscapeEvent } from './lab-methods';
import type { LabSession } from './lab-session';
import { subSeed } from './rng';
import { makeBatch } from './trainer';
import type { Tf } from '../tf';

/** Checks what the page sent (a hand-made call must not allocate a huge grid). */
function validArgs(a: LandscapeArgs): string | null {
  const whole = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(a.steps, 3, 51) || a.steps % 2 === 0) return 'The grid needs an odd number of points per side, from 3 to 51.';
  if (!whole(a.images, 1, 10_000)) return 'The landscape needs from 1 to 10,000 images.';
  if (!whole(a.seed, 0, 2 ** 31)) return 'The directions need a whole-number seed.';
  return null;
}

export async function mapLabLandscape(
  tf: Tf,
  session: LabSession,
  args: LandscapeArgs,
  signal: AbortSignal,
  emit: (e: LandscapeEvent) => void,
): Promise<{ iteration: number }> {
  const bad = validArgs(args);
  if (bad) throw new Error(bad);
  const target = session.trainedNets();
  if ('message' in target) throw new Error(target.message);
  const { nets, data, norm, iteration } = target;
  const count = Math.min(args.images, data.train.count);
  const total = args.steps * args.steps;
  const set = makeBatch(
    tf,
    data.train,
    Array.from({ length: count }, (_, i) => i),
    norm,
  );
  try {
    for (const t of nets) {
      signal.throwIfAborted();
      if (t.diverged) {
        emit({ type: 'progress', key: t.key, done: total, total });
        emit({ type: 'grid', key: t.key, grid: { n: args.steps, range: 1, loss: new Array<number>(total).fill(NaN) } });
        continue;
      }
      emit({ type: 'progress', key: t.key, done: 0, total });
      const dirs = [
        randomDirection(tf, t.net, subSeed(args.seed, 'alpha')),
        randomDirection(tf, t.net, subSeed(args.seed, 'beta')),
      ] as const;
      try {
        const grid = await lossGrid(
          tf,
          t.net,
          dirs,
          set,
          { n: args.steps, range: 1 },
          {
            signal,
            batchSize: LANDSCAPE_CHUNK,
            onProgress: (done) => emit({ type: 'progress', key: t.key, done, total }),
          },
        );
        emit({ type: 'grid', key: t.key, grid: { ...grid, loss: grid.loss.map((v) => (Number.isFinite(v) ? v : NaN)) } });
      } finally {
        for (const d of dirs) disposeDirection(tf, d);
      }
    }
    return { iteration };
  } finally {
    tf.dispose([set.x, set.y]);
  }
}
