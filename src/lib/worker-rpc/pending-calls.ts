// The page side's table of calls in flight: their ids, the latest-wins lanes, and the replayable calls.

export interface Pending {
  method: string;
  args: unknown;
  lane: string | undefined;
  /** Sent again to a worker that replaces one hung while starting. */
  replay: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onEvent: ((e: unknown) => void) | undefined;
  onProgress: ((fraction: number, loaded: number, total: number) => void) | undefined;
}

const noop = () => {};

export class PendingCalls {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The pending call on each latest-wins lane. */
  private readonly lanes = new Map<string, number>();
  /** The latest replayable call per method, in the order they were made. */
  private readonly replays = new Map<string, { id: number; args: unknown }>();

  /** A fresh call id. */
  newId(): number {
    return this.nextId++;
  }

  add(id: number, p: Pending): void {
    this.pending.set(id, p);
  }

  get(id: number): Pending | undefined {
    return this.pending.get(id);
  }

  has(id: number): boolean {
    return this.pending.has(id);
  }

  /** A call the runtime makes itself (a start on a lower rung): nobody waits for its answer. */
  internal(): number {
    const id = this.newId();
    this.add(id, {
      method: '',
      args: undefined,
      lane: undefined,
      replay: false,
      resolve: noop,
      reject: noop,
      onEvent: undefined,
      onProgress: undefined,
    });
    return id;
  }

  /** Makes this call its method's latest replayable one. */
  setReplay(method: string, id: number, args: unknown): void {
    this.replays.delete(method);
    this.replays.set(method, { id, args });
  }

  /** Forgets the call as its method's latest replayable one (it was dropped). */
  forgetReplay(id: number, method: string): void {
    if (this.replays.get(method)?.id === id) this.replays.delete(method);
  }

  /** The pending call on `lane`, if any. */
  onLane(lane: string): number | undefined {
    return this.lanes.get(lane);
  }

  setLane(lane: string, id: number): void {
    this.lanes.set(lane, id);
  }

  /** Takes a call out of the table (answered, dropped or rejected) and off its lane. */
  settled(id: number, p: Pending): void {
    this.pending.delete(id);
    if (p.lane !== undefined && this.lanes.get(p.lane) === id) this.lanes.delete(p.lane);
  }

  /** Rejects every pending call and forgets the lanes and replayable calls (the worker died). */
  rejectAll(error: unknown): void {
    this.lanes.clear();
    this.replays.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  /** What a replacement worker is sent again, by id: every pending replayable call, and the latest answered one of each method. */
  toReplay(): [number, { method: string; args: unknown }][] {
    const replays = new Map<number, { method: string; args: unknown }>();
    for (const [method, r] of this.replays) replays.set(r.id, { method, args: r.args });
    for (const [id, p] of this.pending) if (p.replay) replays.set(id, { method: p.method, args: p.args });
    return [...replays].sort(([a], [b]) => a - b);
  }

  /** Rejects every pending call that is not replayable, except `keep` (the start call). */
  rejectUnreplayable(error: unknown, keep: number | undefined): void {
    for (const [id, p] of [...this.pending]) {
      if (id === keep || p.replay) continue;
      this.settled(id, p);
      p.reject(error); // a no-op for the runtime's own calls
    }
  }
}
