/**
 * The block-deletion figure's live recompute, as the tiny-nets worker runs it: loads a lesion net
 * (once per URL) and the 2,000-image Fashion-MNIST test subset (once), then measures one deletion with
 * lesion.ts, the code scripts/train-lesion.ts ran for the committed numbers. Progress goes out as
 * events; an aborted call stops between batches and frees its tensors. tfjs is passed in.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { FASHION_FILES, decodeIdx, gunzip, toImageSet, type ImageSet } from '../train/fashion-mnist';
import { LESION_SPECS } from './lesion-nets';
import { lesionError } from './lesion';
import type { LesionAnswer, LesionArgs, LesionEvent } from './methods';
import type { Tf } from '../tf';

export class LesionRunner {
  private readonly models = new Map<string, Promise<tfjs.LayersModel>>();
  private test: Promise<ImageSet> | null = null;

  /** `fetchFn` fetches the test images; `loadModel` loads a net (tfjs' loadLayersModel in the worker). */
  constructor(
    private readonly tf: Tf,
    private readonly fetchFn: typeof fetch = (...a) => fetch(...a),
    private readonly loadFn: (url: string, onProgress: (f: number) => void) => Promise<tfjs.LayersModel> = (url, onProgress) =>
      tf.loadLayersModel(url, { onProgress }),
  ) {}

  private loadTest(dataUrl: string, emit: (e: LesionEvent) => void): Promise<ImageSet> {
    this.test ??= (async () => {
      const bytes = await Promise.all(
        [FASHION_FILES.testImages, FASHION_FILES.testLabels].map(async (name) => {
          const res = await this.fetchFn(dataUrl + name);
          if (!res.ok) throw new Error(`Could not load the test images (${name}: HTTP ${res.status})`);
          return decodeIdx(await gunzip(new Uint8Array(await res.arrayBuffer())));
        }),
      );
      emit({ stage: 'data', fraction: 1 });
      return toImageSet(bytes[0]!, bytes[1]!);
    })();
    // A failed load is tried again on the next call.
    this.test.catch(() => (this.test = null));
    return this.test;
  }

  private loadModel(url: string, emit: (e: LesionEvent) => void): Promise<tfjs.LayersModel> {
    let m = this.models.get(url);
    if (!m) {
      m = this.loadFn(url, (fraction) => emit({ stage: 'model', fraction }));
      this.models.set(url, m);
      m.catch(() => this.models.delete(url));
    }
    return m;
  }

  /** Test error of one net with the given blocks removed. */
  async run(args: LesionArgs, signal: AbortSignal, emit: (e: LesionEvent) => void): Promise<LesionAnswer> {
    const spec = LESION_SPECS[args.net]?.();
    if (!spec) throw new Error(`No lesion net "${args.net}"`);
    const [model, test] = await Promise.all([this.loadModel(args.model, emit), this.loadTest(args.data, emit)]);
    signal.throwIfAborted();
    const t0 = performance.now();
    const r = await lesionError(this.tf, model, spec, test, args.norm, args.removed, {
      signal,
      onProgress: (done, total) => emit({ stage: 'run', fraction: done / total }),
    });
    return { net: args.net, removed: [...args.removed], ...r, ms: performance.now() - t0, tensors: this.tf.memory().numTensors };
  }
}
