// What the race's page can ask of its short-lived Worker (src/workers/race.worker.ts), typed once for
// both sides of the worker runtime (src/lib/worker-rpc). The page starts one worker per race and ends
// it when the race settles or is cancelled: WebAssembly memory never shrinks, so ending the worker is
// what gives the race's hundreds of megabytes back.
import type { BackendInfo, BackendName } from '../worker-rpc';
import type { RaceRow, Weights } from './racers';
import type { RaceProtocol } from './timing';
import type { MemorySnapshot, RaceEvent } from './race';

export interface RaceArgs {
  side: number;
  weights: Exclude<Weights, 'keras'>;
  backend: BackendName;
  /** wasm threads (1 = one thread: the watchdog's rung after a hang); the worker's choice if absent. */
  threads?: number;
  protocol: RaceProtocol;
  deviceMemoryGiB?: number | undefined;
  /** The real Keras ResNet-50's model.json (absolute URL), for the real-weights race. */
  realUrl?: string | undefined;
}

/** What the race streams while it runs (download progress travels as the call's progress). */
type RaceStreamEvent =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'memory'; when: 'before' | 'after'; memory: MemorySnapshot }
  | { type: 'race'; event: RaceEvent };

type RaceResult = { refused: string } | { rows: RaceRow[] };

export interface RaceMethods {
  /** Starts the backend, checks the device can hold the race, then builds and times each model. */
  race: { args: RaceArgs; result: RaceResult; event: RaceStreamEvent };
}
