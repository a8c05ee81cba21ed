// One file fetched whole, with byte progress, retries after a network error, a 5xx or a cut-off download
// (not after a 404) with a growing pause between tries, a wait for the connection to come back when the
// device is offline (which uses up no try), and an AbortSignal that stops it at once.
import { Attempt } from './load-errors';
import { abortReason, whenAborted } from './integrity';

/** Before another try of a file: which try, and whether it first waits for the device to be online. */
export interface RetryNote {
  /** The try about to start (2, 3, …) and how many there are in all. */
  attempt: number;
  tries: number;
  offline: boolean;
}

/** The network facts the retries depend on (tests pass their own). */
export interface NetEnv {
  offline(): boolean;
  /** Resolves when the device is online again (the `online` event), or rejects when `signal` aborts. */
  whenOnline(signal?: AbortSignal): Promise<void>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Pause before try n (2, 3, …): 0.5 s, 1 s, 2 s, … */
const backoffMs = (attempt: number) => 500 * 2 ** (attempt - 2);

function abortableWait(signal: AbortSignal | undefined, arm: (done: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      disarm();
      reject(abortReason(signal!));
    };
    const disarm = arm(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The browser's (or worker's) own: `navigator.onLine` and the `online` event; online where unknown (Node). */
const browserNet: NetEnv = {
  offline: () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false,
  whenOnline: (signal) =>
    abortableWait(signal, (done) => {
      const target = globalThis as unknown as EventTarget;
      if (typeof target.addEventListener !== 'function' || !browserNet.offline()) {
        done();
        return () => {};
      }
      target.addEventListener('online', done, { once: true });
      return () => target.removeEventListener('online', done);
    }),
  sleep: (ms, signal) =>
    abortableWait(signal, (done) => {
      const t = setTimeout(done, ms);
      return () => clearTimeout(t);
    }),
};

export interface RetryHooks {
  net?: NetEnv;
  /** Told before each try after the first (and before waiting to be online again). */
  onRetry?: (note: RetryNote) => void;
  /**
   * The file is gzip data (a model's `.gz` weights): it is decompressed as it arrives, and the bytes
   * counted are the decompressed ones. A host that decoded it already (Content-Encoding) sends plain
   * bytes, which pass as they are; the caller's digest check tells which is right.
   */
  gunzip?: boolean;
}

const isGzip = (b: Uint8Array) => b[0] === 0x1f && b[1] === 0x8b;

/** `body` with its first chunks read (at least two bytes, to tell gzip data), then the rest. */
async function peeked(body: ReadableStream<Uint8Array>, aborted: Promise<never>) {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let seen = 0;
  let done = false;
  while (!done && seen < 2) {
    const r = await Promise.race([reader.read(), aborted]);
    if (r.done) done = true;
    else if (r.value.length) {
      head.push(r.value);
      seen += r.value.length;
    }
  }
  const first = concat(head, seen);
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      if (first.length) c.enqueue(first);
      if (done) c.close();
    },
    pull: async (c) => {
      const r = await reader.read();
      if (r.done) c.close();
      else c.enqueue(r.value);
    },
    cancel: (why) => reader.cancel(why),
  });
  return { gzip: isGzip(first), stream };
}

/** Fetches one file fully, reporting bytes as they arrive; retries network errors, 5xx and cut-offs.
 * An abort rejects at once with the signal's reason, never retried and never wrapped. */
export async function fetchBytes(
  url: string,
  fetchFunc: typeof fetch,
  retries: number,
  onBytes: (n: number) => void,
  expected?: number,
  signal?: AbortSignal,
  hooks: RetryHooks = {},
): Promise<Uint8Array> {
  let last: Attempt | undefined;
  const aborted = whenAborted(signal);
  const net = hooks.net ?? browserNet;
  const tries = retries + 1;
  for (let attempt = 0; attempt <= retries; attempt++) {
    let counted = 0;
    try {
      if (signal?.aborted) throw abortReason(signal);
      if (attempt > 0) {
        if (net.offline()) {
          hooks.onRetry?.({ attempt: attempt + 1, tries, offline: true });
          await net.whenOnline(signal);
        }
        hooks.onRetry?.({ attempt: attempt + 1, tries, offline: false });
        await net.sleep(backoffMs(attempt + 1), signal);
      }
      let res: Response;
      try {
        // A try after a failure goes to the network: an error a host marked cacheable must not come back.
        const init: RequestInit = { ...(signal ? { signal } : {}), ...(attempt > 0 ? { cache: 'reload' as const } : {}) };
        res = await Promise.race([fetchFunc(url, Object.keys(init).length ? init : undefined), aborted]);
      } catch (e) {
        if (signal?.aborted) throw abortReason(signal);
        throw new Attempt('network', `could not reach ${url} (${(e as Error).message})`);
      }
      if (res.status === 404 || res.status === 410) throw new Attempt('not-found', `${url} was not found (HTTP ${res.status})`);
      if (!res.ok) throw new Attempt('network', `${url} answered HTTP ${res.status}`);
      const chunks: Uint8Array[] = [];
      if (res.body) {
        let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
        try {
          let body: ReadableStream<Uint8Array> = res.body;
          if (hooks.gunzip) {
            const p = await peeked(body, aborted);
            body = p.gzip
              ? p.stream.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>)
              : p.stream;
          }
          reader = body.getReader();
          for (;;) {
            const { done, value } = await Promise.race([reader.read(), aborted]);
            if (done) break;
            chunks.push(value);
            counted += value.length;
            onBytes(value.length);
          }
        } catch (e) {
          if (signal?.aborted) {
            (reader ?? res.body).cancel().catch(() => {}); // stop the transfer even if the fetch ignored the signal
            throw abortReason(signal);
          }
          throw new Attempt('truncated', `the download of ${url} was cut off after ${counted} bytes (${(e as Error).message})`);
        }
      } else {
        let buf: Uint8Array = new Uint8Array(await Promise.race([res.arrayBuffer(), aborted]));
        if (hooks.gunzip && isGzip(buf)) buf = await gunzip(buf);
        chunks.push(buf);
        counted = buf.length;
        onBytes(buf.length);
      }
      const out = concat(chunks, counted);
      if (expected !== undefined && out.length < expected) {
        throw new Attempt(
          'truncated',
          `${url} holds ${out.length} bytes, fewer than the ${expected} its model.json describes: the download was cut off or the file is damaged`,
        );
      }
      return out;
    } catch (e) {
      onBytes(-counted); // progress must not count a failed attempt twice
      if (!(e instanceof Attempt)) throw e;
      last = e;
      if (e.kind === 'not-found') break;
    }
  }
  throw last ?? new Attempt('network', `could not fetch ${url}`);
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(out).arrayBuffer());
  } catch (e) {
    throw new Attempt('truncated', `the gzip data could not be decompressed (${(e as Error).message})`);
  }
}

export function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
