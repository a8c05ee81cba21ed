// The race's RaceRunner in the browser: one Worker per race (src/workers/race.worker.ts) through the
// worker runtime, which starts its backend under the watchdog (a hang moves the race a rung lower) and
// ends it on pagehide. The worker is ended when the race settles or is cancelled: that is what gives
// its memory back, the wasm heap included.
import { BackendLadder, RpcClient, WorkerCrashedError, WorkerHungError, backendStart, loweredInfo } from '../../lib/worker-rpc';
import type { RaceMethods } from '../../lib/race/methods';
import { RaceFailed, type RaceRunner } from './race-state.svelte';

export function raceWorkerRunner(): RaceRunner {
  // Shared by every race of this figure, so a later one starts where a hang left off.
  const ladder = new BackendLadder();
  return {
    async run(req, progress, signal) {
      const client = new RpcClient<RaceMethods>({
        create: () => new Worker(new URL('../../workers/race.worker.ts', import.meta.url), { type: 'module', name: 'race' }),
        start: backendStart<RaceMethods>('race'),
        ladder,
        onHung: (e, restarted) => {
          if (restarted) progress.restarting(e.note);
        },
      });
      try {
        return await client.call('race', req, {
          signal,
          onEvent: (e) => {
            if (e.type === 'backend') progress.backend(loweredInfo(e.info, client.note));
            else if (e.type === 'memory') progress.memory(e.when, e.memory);
            else progress.event(e.event);
          },
          onProgress: (fraction) => progress.download(fraction),
        });
      } catch (e) {
        if (e instanceof WorkerHungError) throw new RaceFailed('hung', e.note);
        if (e instanceof WorkerCrashedError) throw new RaceFailed('crashed', e.detail);
        throw e;
      } finally {
        client.terminate('the race ended');
      }
    },
  };
}
