// One file fetched whole, with byte progress, retries after a network error or a cut-off download (not
// after a 404), and an AbortSignal that stops it at once.
import { Attempt } from './load-errors';
import { abortReason, whenAborted } from './integrity';

/** Fetches one file fully, reporting bytes as they arrive; retries network errors and cut-offs.
 * An abort rejects at once with the signal's reason, never retried and never wrapped. */
export async function fetchBytes(
  url: string,
  fetchFunc: typeof fetch,
  retries: number,
  onBytes: (n: number) => void,
  expected?: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  let last: Attempt | undefined;
  const aborted = whenAborted(signal);
  for (let attempt = 0; attempt <= retries; attempt++) {
    let counted = 0;
    try {
      if (signal?.aborted) throw abortReason(signal);
      let res: Response;
      try {
        res = await Promise.race([fetchFunc(url, signal ? { signal } : undefined), aborted]);
      } catch (e) {
        if (signal?.aborted) throw abortReason(signal);
        throw new Attempt('network', `could not reach ${url} (${(e as Error).message})`);
      }
      if (res.status === 404 || res.status === 410) throw new Attempt('not-found', `${url} was not found (HTTP ${res.status})`);
      if (!res.ok) throw new Attempt('network', `${url} answered HTTP ${res.status}`);
      const chunks: Uint8Array[] = [];
      if (res.body) {
        const reader = res.body.getReader();
        try {
          for (;;) {
            const { done, value } = await Promise.race([reader.read(), aborted]);
            if (done) break;
            chunks.push(value);
            counted += value.length;
            onBytes(value.length);
          }
        } catch (e) {
          if (signal?.aborted) {
            reader.cancel().catch(() => {}); // stop the transfer even if the fetch ignored the signal
            throw abortReason(signal);
          }
          throw new Attempt('truncated', `the download of ${url} was cut off after ${counted} bytes (${(e as Error).message})`);
        }
      } else {
        const buf = new Uint8Array(await Promise.race([res.arrayBuffer(), aborted]));
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
