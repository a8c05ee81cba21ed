// model.json and its weight files from one URL, ready for tfjs's ModelArtifacts: every file checked against its
// SHA-256 as it arrives (when digests are given), a too-large model refused from its manifest before
// any weight is fetched, and weight groups checked against the sizes the manifest describes. With a
// weight cache (./weight-cache), a file whose digest it holds is read from there (hashed again) instead
// of the network, and every file that passes its check is kept there for the next visit. It needs no
// tfjs, so the classifier's worker starts the download while tfjs itself still loads.
import type * as TF from '@tensorflow/tfjs';
import { formatInt, formatMB } from '../format';
import { Attempt, Final, ModelLoadError } from './load-errors';
import { concat, fetchBytes, type RetryNote } from './fetch-bytes';
import { digestProblem } from './integrity';
import { groupBytes } from './model-checks';
import { versionQuery } from './lock';
import type { LoadOptions } from './loader';
import { SAVED_COPY_NOTE } from './weight-cache';

interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: TF.io.WeightsManifestConfig;
  [key: string]: unknown;
}

const baseOf = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);
const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1).replace(/[?#].*$/, '');

/** What the reader is told while a file is tried again. */
function retryNote(file: string, n: RetryNote): string {
  return n.offline
    ? `You are offline: the download of ${file} goes on when the connection is back`
    : `retrying ${file}, try ${n.attempt} of ${n.tries}`;
}

/** A model's files, fetched and checked: what tfjs's `io.getModelArtifactsForJSON` takes, and the counts. */
export interface ModelFiles {
  json: TF.io.ModelJSON;
  weightSpecs: TF.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  format: 'layers' | 'graph';
  /** model.json and weight bytes. */
  bytes: number;
  cachedBytes: number;
  notKept: string | null;
}

/** Reads model.json + weights from one URL, each file checked as it arrives. */
export async function fetchModelFiles(url: string, opts: Required<Pick<LoadOptions, 'retries'>> & LoadOptions): Promise<ModelFiles> {
  // Downloads started ahead (below) stop with the caller's signal, and when this fails.
  const stop = new AbortController();
  const onAbort = () => stop.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fetchFiles(url, opts, stop.signal);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    stop.abort(); // nothing of a finished (or failed) load still downloads
  }
}

async function fetchFiles(
  url: string,
  opts: Required<Pick<LoadOptions, 'retries'>> & LoadOptions,
  signal: AbortSignal,
): Promise<ModelFiles> {
  const fetchFunc = opts.fetchFunc ?? globalThis.fetch.bind(globalThis);
  const { digests, cache } = opts;
  // Each file is hashed as soon as it has arrived, while the next one downloads; the first mismatch
  // stops the downloads still to start, and all checks are awaited before any byte is used.
  const checks: Promise<void>[] = [];
  let mismatch: ModelLoadError | undefined;
  let notKept: string | null = null;
  let cachedBytes = 0;
  const check = (name: string, bytes: Uint8Array) => {
    if (!digests) return;
    const p = digestProblem(name, bytes, digests).then(async (problem) => {
      if (problem) mismatch ??= new ModelLoadError('integrity', `The model was not used: ${problem}. (${url})`);
      else if (cache) {
        const stored = await cache.put(digests[name]!, bytes);
        if (!stored.kept) notKept ??= stored.why;
      }
    });
    checks.push(p);
  };
  // The site's own URLs carry a version (`?v=` of model.json's digest): each weight file gets its own.
  const versioned = new URL(url, 'http://x/').searchParams.has('v') && digests !== undefined;
  const notes = new Map<string, string>();
  const showNotes = () => opts.onNote?.(notes.size ? [...notes.values()].join('; ') : null);
  /**
   * One file: from the cache when it holds the digest, else fetched (then checked, and kept); with
   * `gzUrl`, its compressed copy is fetched instead, and `fileUrl` only when the host lacks it.
   */
  const file = async (name: string, fileUrl: string, label: string, onBytes: (n: number) => void, gzUrl?: string): Promise<Uint8Array> => {
    const want = digests?.[name];
    if (cache && want) {
      const hit = await cache.get(want);
      if (hit) {
        cachedBytes += hit.length;
        if (!notes.has('saved')) {
          notes.set('saved', SAVED_COPY_NOTE);
          showNotes();
        }
        onBytes(hit.length);
        return hit;
      }
    }
    const onRetry = (n: RetryNote) => {
      notes.set(name, retryNote(label, n));
      showNotes();
    };
    const get = (from: string, gunzip: boolean) =>
      fetchBytes(from, fetchFunc, opts.retries, onBytes, undefined, signal, {
        ...(opts.net && { net: opts.net }),
        onRetry,
        gunzip,
      });
    try {
      const bytes = await (gzUrl === undefined
        ? get(fileUrl, false)
        : get(gzUrl, true).catch((e: unknown) => {
            if (e instanceof Attempt && e.kind === 'not-found') return get(fileUrl, false);
            throw e;
          }));
      check(name, bytes);
      return bytes;
    } finally {
      if (notes.delete(name)) showNotes();
    }
  };
  let loaded = 0;
  let total = 0;
  const report = (n: number) => {
    loaded += n;
    if (total > 0) opts.onProgress?.(Math.min(1, Math.max(0, loaded / total)), loaded, total);
  };
  // A site model's files are all named by its digests: its first weight file downloads beside
  // model.json, a round trip sooner; the rest follow model.json, which says how they group.
  const lockedWeights = digests ? Object.keys(digests).filter((n) => n !== fileOf(url)) : [];
  const ahead = new Map<string, Promise<Uint8Array>>();
  /** A weight file, and `<file>.gz?v=…` beside `<file>?v=…` when the site serves it compressed. */
  const weight = (path: string, label: string) => {
    const version = versioned ? digests?.[path] : undefined;
    const query = version ? versionQuery(version) : '';
    const gzUrl = opts.gzipWeights ? baseOf(url) + path + '.gz' + query : undefined;
    return file(path, baseOf(url) + path + query, label, report, gzUrl);
  };
  const first = lockedWeights[0];
  if (first) {
    const early = weight(first, `weight file 1 of ${lockedWeights.length}`);
    early.catch(() => {}); // awaited below, unless model.json fails first
    ahead.set(first, early);
  }
  const jsonBytes = await file(fileOf(url), url, 'model.json', () => {});
  await Promise.all(checks); // model.json decides which weight files are fetched: check it first
  if (mismatch) throw new Final(mismatch);
  let json: ModelJson;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes)) as ModelJson;
  } catch {
    throw new Attempt('not-a-model', `${url} is not JSON, so it is not a TensorFlow.js model.json`);
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Attempt('not-a-model', `${url} is JSON but not a TensorFlow.js model.json (it needs "modelTopology" and "weightsManifest")`);
  }
  const manifest = json.weightsManifest;
  const sizes = manifest.map((g) => groupBytes(g));
  const weightBytes = sizes.reduce((a, b) => a + b, 0);
  if (opts.maxWeightBytes !== undefined && weightBytes > opts.maxWeightBytes) {
    throw new Final(
      new ModelLoadError(
        'too-large',
        `This model's weights are ${formatMB(weightBytes)} (${formatInt(weightBytes)} bytes, from its model.json), ` +
          `more than the ${formatMB(opts.maxWeightBytes)} this page accepts, so nothing more was downloaded. (${url})`,
      ),
    );
  }
  total = weightBytes || 1;
  if (loaded > 0) report(0); // bytes that arrived ahead of model.json
  const paths = manifest.flatMap((g) => g.paths);
  const groups = await Promise.all(
    manifest.map(async (group, gi) => {
      const parts: Uint8Array[] = [];
      for (const path of group.paths) {
        if (mismatch) throw new Final(mismatch);
        const bytes = await (ahead.get(path) ?? weight(path, `weight file ${paths.indexOf(path) + 1} of ${paths.length}`));
        parts.push(bytes);
      }
      const got = parts.reduce((s, p) => s + p.length, 0);
      if (got !== sizes[gi]) {
        throw new Attempt(
          'truncated',
          `the weight file${group.paths.length > 1 ? 's' : ''} ${group.paths.join(', ')} hold${group.paths.length > 1 ? '' : 's'} ${got} bytes, but model.json describes ${sizes[gi]}: the download was cut off or the files do not belong to this model`,
        );
      }
      return concat(parts, got);
    }),
  );
  await Promise.all(checks);
  if (mismatch) throw new Final(mismatch);
  signal.throwIfAborted();
  const weightData = concat(
    groups,
    groups.reduce((s, g) => s + g.length, 0),
  );
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const data =
    weightData.byteOffset === 0 && weightData.byteLength === weightData.buffer.byteLength
      ? (weightData.buffer as ArrayBuffer)
      : (weightData.slice().buffer as ArrayBuffer);
  const graph =
    json.format === 'graph-model' ||
    (typeof json.modelTopology === 'object' && json.modelTopology !== null && 'node' in json.modelTopology);
  return {
    json: json as unknown as TF.io.ModelJSON,
    weightSpecs,
    weightData: data,
    format: graph ? 'graph' : 'layers',
    bytes: jsonBytes.length + weightData.length,
    cachedBytes,
    notKept,
  };
}
