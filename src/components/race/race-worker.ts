// The race's RaceRunner in the browser: one Worker per race (src/workers/race.worker.ts), under the
// watchdog, ended when the race settles, is cancelled or the page goes away. Ending the worker is what
// gives the race's memory back, the wasm heap included.
import { AbortedError } from '../../lib/engine/abort';
import { BackendLadder, loweredInfo } from '../../lib/engine/backend-ladder';
import { WatchedWorker } from '../../lib/engine/watched-worker';
import type { RaceReply, RaceStart } from '../../lib/race/worker-messages';
import { RaceFailed, type RaceOutcome, type RaceRunner } from './race-state.svelte';

export function raceWorkerRunner(): RaceRunner {
  // A hang moves every later race down a rung (src/lib/engine/backend-ladder.ts).
  const ladder = new BackendLadder();
  return {
    run: (req, progress, signal) =>
      new Promise<RaceOutcome>((resolve, reject) => {
        let w: WatchedWorker<RaceStart, RaceReply> | null = null;
        const end = (): void => {
          w?.terminate();
          w = null;
          removeEventListener('pagehide', end);
        };
        const settle = (then: () => void): void => {
          if (!w) return;
          end();
          then();
        };
        // Under the watchdog: a worker stuck while its backend starts is replaced by one a rung lower.
        w = new WatchedWorker<RaceStart, RaceReply>({
          create: () => new Worker(new URL('../../workers/race.worker.ts', import.meta.url), { type: 'module', name: 'race' }),
          startMessage: (rung) => ({
            type: 'start',
            side: req.side,
            weights: req.weights,
            protocol: req.protocol,
            deviceMemoryGiB: req.deviceMemoryGiB,
            ...(req.realUrl ? { realUrl: req.realUrl } : {}),
            backend: rung.backend === 'auto' ? 'wasm' : rung.backend,
            ...(rung.threads === undefined ? {} : { threads: rung.threads }),
          }),
          answersStart: (m) => m.type !== 'progress',
          rung: { backend: req.backend },
          ladder,
          onHung: (note, restarted) => {
            if (restarted) progress.restarting(note);
            else settle(() => reject(new RaceFailed('hung', note)));
          },
          onCrash: (why) => settle(() => reject(new RaceFailed('crashed', why))),
        });
        const mine = w;
        signal.addEventListener('abort', () => settle(() => reject(new AbortedError())), { once: true });
        addEventListener('pagehide', end);
        mine.on((m) => {
          if (w !== mine) return;
          if (m.type === 'backend') progress.backend(loweredInfo(m.info, ladder.note));
          else if (m.type === 'refused') settle(() => resolve({ refused: m.message }));
          else if (m.type === 'memory') progress.memory(m.when, m.memory);
          else if (m.type === 'event') progress.event(m.event);
          else if (m.type === 'progress') progress.download(m.fraction);
          else if (m.type === 'done') settle(() => resolve({ rows: m.rows }));
          else if (m.type === 'error') settle(() => reject(new RaceFailed('error', m.message)));
        });
      }),
  };
}
