// Loads a TensorFlow.js model (layers or graph) with byte-level progress, retries, fallback URLs and
// clear errors. We fetch model.json and the weight files ourselves (rather than tf.loadLayersModel(url))
// so that a 404, a cut-off download and a model of the wrong shape each get a message a reader can act on,
// so that every file can be checked against its SHA-256 from models.lock.json (`digests`) before its bytes
// are used, so that a too-large bring-your-own model is refused before its weights are fetched
// (`maxWeightBytes`), and so that an AbortSignal can stop it all.
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from './preprocess';
import { NUM_CLASSES } from './labels';
import { abortReason, digestProblem, whenAborted } from './integrity';

export type LoadErrorKind = 'not-found' | 'network' | 'truncated' | 'not-a-model' | 'shape' | 'integrity' | 'too-large';

export class ModelLoadError extends Error {
  constructor(
    readonly kind: LoadErrorKind,
    message: string,
    /** One line per URL tried, for the details under the message. */
    readonly attempts: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export interface LoadOptions {
  /** Called with the share of bytes downloaded so far (0…1) and the byte counts. */
  onProgress?: (fraction: number, loaded: number, total: number) => void;
  /** The fetch to use (tests pass one that reads files; the browser uses the global fetch and its cache). */
  fetchFunc?: typeof fetch;
  /** Extra attempts per file after a network error or a cut-off download (not after a 404). */
  retries?: number;
  /** Force the format instead of reading it from model.json. */
  format?: 'layers' | 'graph';
  /** Cancels the fetches and the build; the load then rejects with the signal's reason (an AbortError). */
  signal?: AbortSignal;
  /**
   * SHA-256 (hex) per file name: "model.json" (the last segment of its URL) and each weightsManifest path.
   * Every file is hashed as it arrives; a mismatch, or a file not listed, fails with kind 'integrity'.
   * The site's models: `expectedDigests(id)` from ./lock. The same digests hold for every URL tried.
   */
  digests?: Readonly<Record<string, string>>;
  /** Refuse (kind 'too-large') a model whose manifest describes more weight bytes, before fetching any. */
  maxWeightBytes?: number;
}

/** Where the model came from: the first URL (the site's own copy) or a fallback host. */
export interface ModelSource {
  /** Host of the URL that worked ("this site" for a relative URL outside a browser). */
  host: string;
  /** True when an earlier URL failed and a later one (a public host) was used. */
  fallback: boolean;
}

export interface LoadedModel {
  model: TF.LayersModel | TF.GraphModel;
  format: 'layers' | 'graph';
  /** The model.json URL that worked. */
  url: string;
  /** Square input side the model expects (224 when its input shape leaves it open). */
  inputSize: number;
  inputShape: readonly (number | null)[];
  bytes: number;
  source: ModelSource;
  /** True when every file was checked against `digests`. */
  verified: boolean;
}

interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: TF.io.WeightsManifestConfig;
  [key: string]: unknown;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/** Bytes a weights group must hold according to its manifest entry. */
export function groupBytes(group: TF.io.WeightsManifestConfig[number]): number {
  let total = 0;
  for (const w of group.weights) {
    const n = w.shape.reduce((a: number, b: number) => a * b, 1);
    const dtype = w.quantization?.dtype ?? w.dtype;
    const size = DTYPE_BYTES[dtype];
    if (size === undefined) throw new ModelLoadError('not-a-model', `weight "${w.name}" has dtype ${dtype}, which this loader cannot size`);
    total += n * size;
  }
  return total;
}

/**
 * Checks the shapes an ImageNet classifier must have. Returns null when fine, else a sentence saying
 * what is wrong. `output` may be unknown (graph models often leave it open) — then pass null.
 */
export function shapeProblem(input: readonly (number | null)[] | undefined, output: readonly (number | null)[] | null): string | null {
  if (!input) return 'the model declares no input shape; it needs one image input of shape [batch, height, width, 3]';
  if (input.length !== 4) return `its input has shape [${fmt(input)}], but an image classifier takes [batch, height, width, 3] (4 dimensions, got ${input.length})`;
  if (input[3] !== 3) return `its input has shape [${fmt(input)}]: the last dimension must be 3 (RGB channels, height × width × channels order), got ${input[3] ?? 'unknown'}`;
  const [, h, w] = input;
  if (h !== null && w !== null && h !== undefined && w !== undefined && h > 0 && w > 0 && h !== w) return `its input is ${h}×${w} pixels; this demo feeds square images`;
  if (output) {
    const width = output[output.length - 1];
    if (output.length !== 2 || width !== NUM_CLASSES) {
      return `its output has shape [${fmt(output)}], but an ImageNet-1k classifier outputs [batch, ${NUM_CLASSES}] (one score per class)`;
    }
  }
  return null;
}

/** predict() gives a tensor, a list, or (graph models) a name → tensor map. */
export function outputList(y: TF.Tensor | TF.Tensor[] | TF.NamedTensorMap): TF.Tensor[] {
  if (Array.isArray(y)) return y;
  if (y instanceof Object && 'dataSync' in y) return [y as TF.Tensor];
  return Object.values(y as TF.NamedTensorMap);
}

export const firstOutput = (y: TF.Tensor | TF.Tensor[] | TF.NamedTensorMap): TF.Tensor | undefined => outputList(y)[0];

const fmt = (shape: readonly (number | null)[]) => shape.map((d) => (d === null || d < 0 ? 'any' : d)).join(', ');

const baseOf = (url: string) => url.slice(0, url.lastIndexOf('/') + 1);
const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1).replace(/[?#].*$/, '');

/** The host a URL points at; relative URLs are the page's own. */
export function hostOf(url: string): string {
  const here = (globalThis as { location?: { href: string; host: string } }).location;
  try {
    return new URL(url, here?.href).host || (here?.host ?? 'this site');
  } catch {
    return here?.host ?? 'this site';
  }
}

const mbText = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

class Attempt extends Error {
  constructor(readonly kind: LoadErrorKind, message: string) {
    super(message);
  }
}

/** Fetches one file fully, reporting bytes as they arrive; retries network errors and cut-offs.
 * An abort rejects at once with the signal's reason, never retried and never wrapped. */
async function fetchBytes(
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
        throw new Attempt('truncated', `${url} holds ${out.length} bytes, fewer than the ${expected} its model.json describes: the download was cut off or the file is damaged`);
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

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** A failure that ends the whole load: trying another URL of the same model would not help. */
class Final extends Error {
  constructor(readonly error: ModelLoadError) {
    super(error.message);
  }
}

/** Reads model.json + weights from one URL into tfjs ModelArtifacts, each file checked as it arrives. */
async function fetchArtifacts(tf: Tf, url: string, opts: Required<Pick<LoadOptions, 'retries'>> & LoadOptions) {
  const fetchFunc = opts.fetchFunc ?? globalThis.fetch.bind(globalThis);
  const { signal, digests } = opts;
  // Each file is hashed as soon as it has arrived, while the next one downloads; the first mismatch
  // stops the downloads still to start, and all checks are awaited before any byte is used.
  const checks: Promise<void>[] = [];
  let mismatch: ModelLoadError | undefined;
  const check = (name: string, bytes: Uint8Array) => {
    if (!digests) return;
    const p = digestProblem(name, bytes, digests).then((problem) => {
      if (problem) mismatch ??= new ModelLoadError('integrity', `The model was not used: ${problem}. (${url})`);
    });
    checks.push(p);
  };
  let loaded = 0;
  let total = 0;
  const report = (n: number) => {
    loaded += n;
    if (total > 0) opts.onProgress?.(Math.min(1, Math.max(0, loaded / total)), loaded, total);
  };
  const jsonBytes = await fetchBytes(url, fetchFunc, opts.retries, () => {}, undefined, signal);
  check(fileOf(url), jsonBytes);
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
        `This model's weights are ${mbText(weightBytes)} (${weightBytes.toLocaleString('en')} bytes, from its model.json), ` +
          `more than the ${mbText(opts.maxWeightBytes)} this page accepts, so nothing more was downloaded. (${url})`,
      ),
    );
  }
  total = weightBytes || 1;
  const base = baseOf(url);
  const groups = await Promise.all(
    manifest.map(async (group, gi) => {
      const parts: Uint8Array[] = [];
      for (const path of group.paths) {
        if (mismatch) throw new Final(mismatch);
        const bytes = await fetchBytes(base + path, fetchFunc, opts.retries, report, undefined, signal);
        check(path, bytes);
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
  signal?.throwIfAborted();
  const weightData = concat(groups, groups.reduce((s, g) => s + g.length, 0));
  const weightSpecs = manifest.flatMap((g) => g.weights);
  const data = weightData.byteOffset === 0 && weightData.byteLength === weightData.buffer.byteLength
    ? (weightData.buffer as ArrayBuffer)
    : (weightData.slice().buffer as ArrayBuffer);
  const artifacts = await tf.io.getModelArtifactsForJSON(json as unknown as TF.io.ModelJSON, async () => [weightSpecs, data]);
  const graph = json.format === 'graph-model' || (typeof json.modelTopology === 'object' && json.modelTopology !== null && 'node' in json.modelTopology);
  return { artifacts, format: graph ? ('graph' as const) : ('layers' as const), bytes: jsonBytes.length + weightData.length };
}

/**
 * Loads the first URL that works, then validates the model as an ImageNet-1k classifier by its declared
 * input shape and by running it once on a blank image (which also warms the backend up).
 */
export async function loadModel(tf: Tf, urls: readonly string[], options: LoadOptions = {}): Promise<LoadedModel> {
  const opts = { retries: 2, ...options };
  const { signal } = opts;
  const attempts: string[] = [];
  let lastKind: LoadErrorKind = 'network';
  for (const [index, url] of urls.entries()) {
    if (signal?.aborted) throw abortReason(signal);
    let fetched;
    try {
      fetched = await fetchArtifacts(tf, url, opts);
    } catch (e) {
      if (e instanceof Final) throw new ModelLoadError(e.error.kind, e.error.message, [...attempts, e.error.message]);
      if (!(e instanceof Attempt)) throw e;
      attempts.push(e.message);
      lastKind = e.kind;
      if (e.kind === 'not-a-model') break; // another copy of the same model.json would say the same
      continue;
    }
    const format = opts.format ?? fetched.format;
    let model: TF.LayersModel | TF.GraphModel;
    try {
      const handler = tf.io.fromMemory(fetched.artifacts);
      model = format === 'graph' ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
    } catch (e) {
      throw new ModelLoadError('not-a-model', `The file at ${url} could not be built into a ${format} model: ${(e as Error).message}`, attempts);
    }
    if (signal?.aborted) {
      model.dispose();
      throw abortReason(signal);
    }
    const inputShape = (model.inputs[0]?.shape ?? undefined) as (number | null)[] | undefined;
    const declaredOut = format === 'layers' ? ((model as TF.LayersModel).outputs[0]?.shape as (number | null)[] | undefined) ?? null : null;
    let problem = shapeProblem(inputShape, declaredOut);
    const side = inputShape?.[1];
    const inputSize = typeof side === 'number' && side > 0 ? side : 224;
    if (!problem) {
      // Graph models often declare no output shape: run once and look at what comes out.
      const x = tf.zeros([1, inputSize, inputSize, 3]);
      const y = model.predict(x);
      const out = firstOutput(y)?.shape ?? null;
      tf.dispose([x, ...outputList(y)]);
      problem = shapeProblem(inputShape, out);
    }
    if (problem) {
      model.dispose();
      throw new ModelLoadError('shape', `This model cannot be used as an ImageNet classifier: ${problem}.`, attempts);
    }
    if (signal?.aborted) {
      model.dispose();
      throw abortReason(signal);
    }
    return {
      model,
      format,
      url,
      inputSize,
      inputShape: inputShape!,
      bytes: fetched.bytes,
      source: { host: hostOf(url), fallback: index > 0 },
      verified: opts.digests !== undefined,
    };
  }
  const messages: Record<LoadErrorKind, string> = {
    'not-found': 'The model files were not found.',
    network: 'The model could not be downloaded (network error).',
    truncated: 'The model download was cut off or damaged.',
    'not-a-model': 'That address does not hold a TensorFlow.js model.',
    shape: 'The model has the wrong shape.',
    integrity: 'The model failed its checksum check.',
    'too-large': 'The model is too large.',
  };
  throw new ModelLoadError(lastKind, `${messages[lastKind]} ${attempts.join('; ')}`, attempts);
}
