// The worker half of the watchdog (src/lib/engine/watchdog.ts): beat twice a second with what this
// worker is doing, so the page can tell a worker that is merely slow from one that is stuck.
import { ALIVE, WATCH, type AliveMessage, type WorkerPhase } from '../lib/engine/watchdog';
import type { BackendName } from '../lib/engine/protocol';

let state: AliveMessage = { type: ALIVE, phase: 'ready' };

const beat = () => postMessage(state);
setInterval(beat, WATCH.beatMs);

/**
 * Says what the worker does now (starting or running which backend, on how many wasm threads), at
 * once: the beat just before a step that may block matters most.
 */
export function setPhase(phase: WorkerPhase, backend?: BackendName, threads?: number): void {
  state = { type: ALIVE, phase, ...(backend === undefined ? {} : { backend }), ...(threads === undefined ? {} : { threads }) };
  beat();
}
