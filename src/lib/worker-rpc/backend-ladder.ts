// Where a demo goes when its worker hangs: one rung down, threaded WASM → WASM on one thread → plain
// JavaScript, each in a new worker. Pure, so the policy is unit-tested apart from any browser.
import type { BackendChoice, BackendInfo } from './backend';
import type { WorkerPhase } from './watchdog';

/** A backend choice and, for wasm, its thread count (undefined: as many as the worker picks). */
export interface Rung {
  readonly backend: BackendChoice;
  readonly threads?: number;
}

/** The next rung down after a hang on `r`, or null when nothing is left below. */
export function stepDown(r: Rung): Rung | null {
  if (r.backend === 'cpu') return null;
  // A GPU backend or threaded wasm: wasm on one thread starts no nested worker and holds no GPU.
  if (r.backend !== 'wasm' || r.threads === undefined || r.threads > 1) return { backend: 'wasm', threads: 1 };
  return { backend: 'cpu' };
}

const LABEL: Record<BackendChoice, string> = {
  auto: 'the automatic backend',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'plain JavaScript',
};

export function rungLabel(r: Rung): string {
  if (r.backend !== 'wasm') return LABEL[r.backend];
  return r.threads === 1 ? 'WASM on one thread' : 'WASM with threads';
}

/** What the page says after a hang: what stopped, for how long, and what runs now. */
export function hangNote(from: Rung, to: Rung | null, phase: WorkerPhase, silentMs: number): string {
  const seconds = Math.round(silentMs / 1000);
  const what =
    phase === 'starting'
      ? `${rungLabel(from)} did not start (its worker stopped answering for ${seconds} s)`
      : `the worker running ${rungLabel(from)} stopped answering for ${seconds} s`;
  return to
    ? `${what}, so the demo now uses ${rungLabel(to)}`
    : `${what}, and there is no simpler backend left to try: reload the page to try again`;
}

/**
 * One demo's place on the ladder: the rung it asks for now, and why that is lower than chosen. A hang
 * moves it down for every later worker of the demo, until the reader chooses another backend.
 */
export class BackendLadder {
  private rung: Rung | null = null;
  /** The reader's choice the demo moved down from. */
  private chosen: string | null = null;
  /** Why the demo runs lower than chosen, for the page; null while nothing has hung. */
  note: string | null = null;

  /** The rung to start for the reader's choice: theirs, or lower after a hang under that same choice. */
  rungFor(choice: BackendChoice, threads?: number): Rung {
    const asked: Rung = threads === undefined ? { backend: choice } : { backend: choice, threads };
    if (this.chosen !== null && this.chosen !== key(asked)) this.reset();
    return this.rung ?? asked;
  }

  /** The rung a hang moved the demo to, or null while it runs as chosen. */
  get lowered(): Rung | null {
    return this.rung;
  }

  /**
   * After a hang on `from` (the backend the worker was starting or running), for a demo that asked for
   * `asked`: moves down, and returns false when there is nowhere left to go.
   */
  afterHang(from: Rung, phase: WorkerPhase, silentMs: number, asked: Rung = from): boolean {
    const to = stepDown(from);
    this.note = hangNote(from, to, phase, silentMs);
    this.chosen ??= key(asked);
    if (to) this.rung = to;
    return to !== null;
  }

  private reset(): void {
    this.rung = null;
    this.chosen = null;
    this.note = null;
  }
}

const key = (r: Rung) => `${r.backend}/${r.threads ?? ''}`;

/** The backend a demo got after a hang, described by why (the ladder's note) rather than as chosen. */
export function loweredInfo(info: BackendInfo, note: string | null): BackendInfo {
  if (note === null) return info;
  const simd = info.simd === undefined ? '' : `; SIMD ${info.simd ? 'on' : 'off'}`;
  return { ...info, note: `${note}${simd}` };
}
