// Messages between the race on the page and its short-lived Worker. The page starts one worker per
// race and terminates it when the race ends or is cancelled: WebAssembly memory never shrinks, so
// ending the worker is what gives the race's hundreds of megabytes back.
import type { BackendInfo, BackendName } from '../engine/protocol';
import type { RaceRow, Weights } from './compare';
import type { RaceProtocol } from './protocol';
import type { MemorySnapshot, RaceEvent } from './race';

export interface RaceStart {
  type: 'start';
  side: number;
  weights: Exclude<Weights, 'keras'>;
  backend: BackendName;
  /** wasm threads (1 = one thread: the watchdog's rung after a hang); the worker's choice if absent. */
  threads?: number | undefined;
  protocol: RaceProtocol;
  deviceMemoryGiB?: number | undefined;
  /** The real Keras ResNet-50's model.json (absolute URL), for the real-weights race. */
  realUrl?: string | undefined;
}

export type RaceReply =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'refused'; message: string }
  | { type: 'memory'; when: 'before' | 'after'; memory: MemorySnapshot }
  | { type: 'event'; event: RaceEvent }
  | { type: 'progress'; fraction: number }
  | { type: 'done'; rows: RaceRow[] }
  | { type: 'error'; message: string };
