// One model cache for a session, keyed by model and backend. Concurrent requests for the same model
// share one in-flight load, so each weight file downloads once however many requests ask for it. A
// request can give up (its AbortSignal) without hurting the others; the download itself is aborted
// only when nobody is waiting for it any more. Everything the cache holds is disposed by clear().

import { AbortedError, abortable } from '../worker-rpc/abort';

export interface Disposable {
  dispose(): void;
}

/** Bytes so far, and `note`: what else is happening (a retry, offline), null when nothing. */
export type Progress = (fraction: number, loaded: number, total: number, note?: string | null) => void;

/** Starts the real load; it must stop (reject) when `signal` aborts. */
export type Loader<M> = (signal: AbortSignal, onProgress: Progress) => Promise<M>;

interface Entry<M> {
  promise: Promise<M>;
  controller: AbortController;
  waiters: number;
  listeners: Set<Progress>;
  last: Parameters<Progress> | null;
  value: M | null;
}

export class ModelCache<M extends Disposable> {
  private readonly entries = new Map<string, Entry<M>>();
  /** Loads started (not requests): what "one download" is counted by. */
  loadsStarted = 0;

  static key(modelId: string, backend: string): string {
    return `${backend}/${modelId}`;
  }

  /** The loaded model, or null when it is not (yet) loaded. */
  peek(key: string): M | null {
    return this.entries.get(key)?.value ?? null;
  }

  /**
   * The model for `key`, loading it if needed. A waiter that gives up (its signal) aborts the load
   * only if it was the last one that may: `detach: true` waiters (a classification superseded by the
   * reader's next pick) stop waiting but leave the download running for whoever asks next.
   */
  async get(key: string, load: Loader<M>, opts: { signal?: AbortSignal; onProgress?: Progress; detach?: boolean } = {}): Promise<M> {
    let entry = this.entries.get(key);
    if (entry?.value) return entry.value;
    if (!entry) entry = this.start(key, load);
    const e = entry;
    const counts = !opts.detach;
    if (counts) e.waiters++;
    if (opts.onProgress) {
      e.listeners.add(opts.onProgress);
      if (e.last) opts.onProgress(...e.last);
    }
    try {
      return await abortable(e.promise, opts.signal);
    } finally {
      if (counts) e.waiters--;
      if (opts.onProgress) e.listeners.delete(opts.onProgress);
      // The last waiter that may cancel gave up before the load finished: stop the download, forget it.
      if (counts && opts.signal?.aborted && e.waiters === 0 && !e.value && this.entries.get(key) === e) {
        e.controller.abort(new AbortedError());
        this.entries.delete(key);
      }
    }
  }

  private start(key: string, load: Loader<M>): Entry<M> {
    const controller = new AbortController();
    const entry: Entry<M> = {
      controller,
      waiters: 0,
      listeners: new Set(),
      last: null,
      value: null,
      promise: Promise.resolve(null as unknown as M),
    };
    this.loadsStarted++;
    entry.promise = load(controller.signal, (...p) => {
      entry.last = p;
      for (const fn of entry.listeners) fn(...p);
    }).then(
      (model) => {
        // Cleared or abandoned while loading: nobody will ever dispose it, so do it now.
        if (this.entries.get(key) !== entry) {
          model.dispose();
          throw new AbortedError();
        }
        entry.value = model;
        return model;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key); // a later request retries
        throw err;
      },
    );
    entry.promise.catch(() => {}); // handled by the waiters; never an unhandled rejection
    this.entries.set(key, entry);
    return entry;
  }

  /** Disposes every loaded model and aborts every load in flight. */
  clear(): void {
    for (const e of this.entries.values()) {
      if (e.value) e.value.dispose();
      else e.controller.abort(new AbortedError());
    }
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
