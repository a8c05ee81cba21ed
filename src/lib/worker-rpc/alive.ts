// The worker half of the watchdog (watchdog.ts): beat twice a second with what this worker is doing,
// so the page can tell a worker that is merely slow from one that is stuck. Beats start with the first
// `setPhase` (src/workers/backends.ts calls it as a backend starts); until then the page judges no
// silence, so a worker that never starts a backend (decoding, painting) never beats.
import { ALIVE, WATCH, type AliveMessage, type WorkerPhase } from './watchdog';
import type { BackendName } from './backend';

let state: AliveMessage = { type: ALIVE, phase: 'ready' };
let timer: ReturnType<typeof setInterval> | null = null;
/** Where beats go: the worker's own global scope unless a test says otherwise. */
let post: (m: AliveMessage) => void = (m) => (globalThis as unknown as { postMessage(m: unknown): void }).postMessage(m);

const beat = () => post(state);

/**
 * Says what the worker does now (starting or running which backend, on how many wasm threads), at
 * once: the beat just before a step that may block matters most.
 */
export function setPhase(phase: WorkerPhase, backend?: BackendName, threads?: number): void {
  state = { type: ALIVE, phase, ...(backend === undefined ? {} : { backend }), ...(threads === undefined ? {} : { threads }) };
  timer ??= setInterval(beat, WATCH.beatMs);
  beat();
}

/** Tests: send beats to `to` instead of the global scope, and stop beating when `to` is null. */
export function beatTo(to: ((m: AliveMessage) => void) | null): void {
  if (to) post = to;
  else if (timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}
