// SHA-256 of downloaded bytes with SubtleCrypto (browsers, workers and Node 22 alike), compared with
// the digests models.lock.json pins (see ./lock). Hashing is native and takes a few milliseconds per
// 4 MB shard, so each file is hashed once, as soon as it has arrived.
import { measured } from '../perf/marks';
import { SHA_PREFIX } from '../perf/cold-timeline';

/** Lowercase hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // SubtleCrypto exists only in secure contexts (https, localhost): say so instead of skipping the check.
  if (!subtle) throw new Error('this page cannot check downloads (SubtleCrypto needs https or localhost)');
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * null when `bytes` are the file `name` as `digests` pins it, else a sentence saying what is wrong.
 * A file the digests do not list is a problem too: the lock names every file of a model.
 */
export async function digestProblem(name: string, bytes: Uint8Array, digests: Readonly<Record<string, string>>): Promise<string | null> {
  const want = digests[name];
  if (want === undefined)
    return `${name} is not one of the files its checksums list (${Object.keys(digests).length} files), so it cannot be checked`;
  const got = await measured(SHA_PREFIX + name, () => sha256Hex(bytes));
  if (got === want.toLowerCase()) return null;
  return `${name} does not match its published checksum (SHA-256 ${got.slice(0, 16)}…, expected ${want.slice(0, 16)}…): it was changed or damaged on the way`;
}

/** The error an aborted load rejects with: the signal's own reason (a DOMException named AbortError by default). */
export function abortReason(signal: AbortSignal): Error {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r;
  return new DOMException('The model download was cancelled.', 'AbortError');
}

/** Rejects with `abortReason` as soon as `signal` aborts (never, without a signal). */
export function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
  p.catch(() => {}); // only ever raced against the work; never an unhandled rejection on its own
  return p;
}
