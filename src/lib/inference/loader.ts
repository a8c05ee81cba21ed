// Loads a TensorFlow.js model (layers or graph) with byte-level progress, retries, fallback URLs and
// clear errors. We fetch model.json and the weight files ourselves (rather than tf.loadLayersModel(url))
// so that a 404, a cut-off download and a model of the wrong shape each get a message a reader can act on,
// so that every file can be checked against its SHA-256 from models.lock.json (`digests`) before its bytes
// are used, so that a too-large bring-your-own model is refused before its weights are fetched
// (`maxWeightBytes`), and so that an AbortSignal can stop it all.
//
// The parts: fetch-bytes.ts (one file), fetch-artifacts.ts (model.json and its weights from one URL),
// model-checks.ts (sizes and shapes), load-errors.ts (what the reader is told).
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../tf';
import { abortReason } from './integrity';
import { Attempt, Final, ModelLoadError, type LoadErrorKind } from './load-errors';
import { firstOutput, outputList, shapeProblem } from './model-checks';
import { fetchModelFiles, type ModelFiles } from './fetch-artifacts';
import { measured } from '../perf/marks';
import { MODEL_BUILD, WARM_UP } from '../perf/cold-timeline';
import type { NetEnv } from './fetch-bytes';
import type { WeightCache } from './weight-cache';

export { ModelLoadError } from './load-errors';
export { outputList, shapeProblem } from './model-checks';

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
  /** Files kept by digest (with `digests` only): read from there when held, and every verified file kept. */
  cache?: Pick<WeightCache, 'get' | 'put'>;
  /** What is happening beyond the bytes ("retrying weight file 3 of 4, try 2 of 3", offline), null when nothing. */
  onNote?: (note: string | null) => void;
  /** Online state and waits for the retries (tests pass their own; the browser's by default). */
  net?: NetEnv;
  /**
   * Each weight file is also served gzip-compressed beside it, as `<file>.gz` (the site's 8-bit models,
   * placed by `npm run models`): that is fetched and decompressed as it arrives, and the plain file is
   * fetched when it is missing. The digests are those of the plain files either way.
   */
  gzipWeights?: boolean;
  /** Awaited after the files are fetched and checked, before the model is built (the backend starting). */
  beforeBuild?: () => Promise<unknown>;
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
  /** Bytes read from the weight cache rather than the network. */
  cachedBytes: number;
  /** Why the files could not be kept for the next visit (a full quota), or null. */
  notKept: string | null;
}

/** The host a URL points at; relative URLs are the page's own. */
function hostOf(url: string): string {
  const here = (globalThis as { location?: { href: string; host: string } }).location;
  try {
    return new URL(url, here?.href).host || (here?.host ?? 'this site');
  } catch {
    return here?.host ?? 'this site';
  }
}

/**
 * Loads the first URL that works, then validates the model as an ImageNet-1k classifier by its declared
 * input shape and, unless the lock vouches for it, by running it once on a blank image. `tf` may be
 * still loading: the files download meanwhile, and only the build waits for it.
 */
export async function loadModel(tfLoading: Tf | Promise<Tf>, urls: readonly string[], options: LoadOptions = {}): Promise<LoadedModel> {
  const opts = { retries: 2, ...options };
  const { signal } = opts;
  const attempts: string[] = [];
  let lastKind: LoadErrorKind = 'network';
  for (const [index, url] of urls.entries()) {
    if (signal?.aborted) throw abortReason(signal);
    let fetched: ModelFiles;
    try {
      fetched = await fetchModelFiles(url, opts);
    } catch (e) {
      if (e instanceof Final) throw new ModelLoadError(e.error.kind, e.error.message, [...attempts, e.error.message]);
      if (!(e instanceof Attempt)) throw e;
      attempts.push(e.message);
      lastKind = e.kind;
      if (e.kind === 'not-a-model') break; // another copy of the same model.json would say the same
      continue;
    }
    const format = opts.format ?? fetched.format;
    await opts.beforeBuild?.();
    const tf = await tfLoading;
    let model: TF.LayersModel | TF.GraphModel;
    try {
      const artifacts = await tf.io.getModelArtifactsForJSON(fetched.json, async () => [fetched.weightSpecs, fetched.weightData]);
      const handler = tf.io.fromMemory(artifacts);
      model = await measured<TF.LayersModel | TF.GraphModel>(MODEL_BUILD, () =>
        format === 'graph' ? tf.loadGraphModel(handler) : tf.loadLayersModel(handler),
      );
    } catch (e) {
      throw new ModelLoadError(
        'not-a-model',
        `The file at ${url} could not be built into a ${format} model: ${(e as Error).message}`,
        attempts,
      );
    }
    if (signal?.aborted) {
      model.dispose();
      throw abortReason(signal);
    }
    const inputShape = (model.inputs[0]?.shape ?? undefined) as (number | null)[] | undefined;
    const declaredOut =
      format === 'layers' ? (((model as TF.LayersModel).outputs[0]?.shape as (number | null)[] | undefined) ?? null) : null;
    let problem = shapeProblem(inputShape, declaredOut);
    const side = inputShape?.[1];
    const inputSize = typeof side === 'number' && side > 0 ? side : 224;
    // Graph models often declare no output shape: run once and look at what comes out. A model whose
    // every file matched the lock is the site's own, checked by its declared shapes: that pass would
    // only warm it up, and the reader's first prediction does that itself (on a phone, a ResNet-50
    // pass is seconds the first answer need not wait).
    const known = opts.digests !== undefined && declaredOut !== null;
    if (!problem && !known) {
      problem = await measured(WARM_UP, () => {
        const x = tf.zeros([1, inputSize, inputSize, 3]);
        const y = model.predict(x);
        const out = firstOutput(y)?.shape ?? null;
        tf.dispose([x, ...outputList(y)]);
        return shapeProblem(inputShape, out);
      });
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
      cachedBytes: fetched.cachedBytes,
      notKept: fetched.notKept,
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
