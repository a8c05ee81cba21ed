// The loader's progress, fallback, integrity, cancel and error paths, on tiny models the test builds
// and saves into memory (checksums on the real MobileNet files: tests/integration/inference-loader-checksums.test.ts).
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { gzipSync } from 'node:zlib';
import { loadModel, ModelLoadError, shapeProblem } from '../../src/lib/inference/loader';
import { sha256Hex } from '../../src/lib/inference/integrity';
import { isAborted } from '../../src/lib/worker-rpc';
import { serve, tinyModelFiles } from '../helpers/tiny-model';

/** A response whose body stream errors after `after` bytes (a connection dropped mid-download). */
function cutOffResponse(bytes: Uint8Array, after: number): Response {
  let sent = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        controller.enqueue(bytes.slice(0, after));
        sent = true;
      } else controller.error(new Error('connection reset'));
    },
  });
  return new Response(stream);
}

let files: Record<string, Uint8Array>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  files = await tinyModelFiles();
});

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as ModelLoadError;
  }
  throw new Error('expected the load to fail');
};

describe('loader', () => {
  test('loads a layers model, reports byte progress up to 1, and validates it', async () => {
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(files), onProgress: (f) => seen.push(f) });
    expect(m.format).toBe('layers');
    expect(m.inputSize).toBe(8);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    const y = tf.tidy(() => (m.model.predict(tf.zeros([1, 8, 8, 3])) as tf.Tensor).shape);
    expect(y).toEqual([1, 1000]);
    m.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('falls back to the second URL when the first 404s', async () => {
    const fetchFunc = serve(files);
    const m = await loadModel(tf, ['/models/tiny/model.json', 'http://a.test/m/model.json'], { fetchFunc });
    expect(m.url).toBe('http://a.test/m/model.json');
    expect(fetchFunc.calls[0]).toBe('/models/tiny/model.json');
    m.model.dispose();
  });

  test('404 everywhere: a not-found error naming each URL', async () => {
    const e = await errorOf(loadModel(tf, ['/models/x/model.json', 'http://b.test/model.json'], { fetchFunc: serve(files) }));
    expect(e).toBeInstanceOf(ModelLoadError);
    expect(e.kind).toBe('not-found');
    expect(e.message).toMatch(/not found/);
    expect(e.attempts).toHaveLength(2);
    expect(e.message).toContain('http://b.test/model.json');
  });

  test('a truncated weight file is caught by its size against the manifest', async () => {
    const bin = files['group1-shard1of1.bin']!;
    const e = await errorOf(
      loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve({ ...files, 'group1-shard1of1.bin': bin.slice(0, 100) }) }),
    );
    expect(e.kind).toBe('truncated');
    expect(e.message).toMatch(/group1-shard1of1\.bin holds 100 bytes, but model\.json describes \d+/);
  });

  test('a download cut off mid-stream is retried, and succeeds when the retry does', async () => {
    const bin = files['group1-shard1of1.bin']!;
    let failures = 1;
    const inner = serve(files);
    const fetchFunc = (async (input: RequestInfo | URL) => {
      if (String(input).endsWith('.bin') && failures-- > 0) return cutOffResponse(bin, 50);
      return inner(input);
    }) as typeof fetch;
    const seen: number[] = [];
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(Math.max(...seen)).toBe(1); // the failed attempt's bytes are not counted twice
    m.model.dispose();
  });

  test('a download that keeps getting cut off fails as truncated after the retries', async () => {
    const bin = files['group1-shard1of1.bin']!;
    const inner = serve(files);
    let binCalls = 0;
    const fetchFunc = (async (input: RequestInfo | URL) => {
      if (String(input).endsWith('.bin')) {
        binCalls++;
        return cutOffResponse(bin, 50);
      }
      return inner(input);
    }) as typeof fetch;
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, retries: 2 }));
    expect(e.kind).toBe('truncated');
    expect(e.message).toMatch(/cut off after 50 bytes/);
    expect(binCalls).toBe(3);
  });

  test('a model with 10 outputs is refused: it is not an ImageNet-1k classifier', async () => {
    const ten = await tinyModelFiles({ outputs: 10 });
    const before = tf.memory().numTensors;
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(ten) }));
    expect(e.kind).toBe('shape');
    expect(e.message).toMatch(/output has shape \[any, 10\].*\[batch, 1000\]/);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a grayscale-input model is refused with the reason', async () => {
    const gray = await tinyModelFiles({ channels: 1 });
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(gray) }));
    expect(e.kind).toBe('shape');
    expect(e.message).toMatch(/last dimension must be 3/);
  });

  test('a page that is not a model.json is named as such', async () => {
    const html = { 'model.json': new TextEncoder().encode('<!doctype html><title>404</title>') };
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(html) }));
    expect(e.kind).toBe('not-a-model');
    expect(e.message).toMatch(/not JSON/);
    const json = { 'model.json': new TextEncoder().encode('{"hello": 1}') };
    const e2 = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(json) }));
    expect(e2.message).toMatch(/modelTopology/);
  });

  test('shapeProblem explains each wrong shape', () => {
    expect(shapeProblem([null, 224, 224, 3], [null, 1000])).toBeNull();
    expect(shapeProblem([null, 224, 224, 3], null)).toBeNull();
    expect(shapeProblem([null, 3, 224, 224], [null, 1000])).toMatch(/last dimension must be 3/);
    expect(shapeProblem([null, 224, 3], [null, 1000])).toMatch(/4 dimensions/);
    expect(shapeProblem([null, 224, 160, 3], [null, 1000])).toMatch(/square/);
    expect(shapeProblem([null, 224, 224, 3], [null, 1001])).toMatch(/\[batch, 1000\]/);
    expect(shapeProblem(undefined, null)).toMatch(/no input shape/);
  });
});

/** SHA-256 of each of `files`, as models.lock.json lists them. */
async function digestsOf(files: Record<string, Uint8Array>): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(Object.entries(files).map(async ([f, b]) => [f, await sha256Hex(b)] as const)));
}

describe('verified downloads', () => {
  test('a changed model.json is refused, and the weight file fetched beside it is stopped', async () => {
    const changed = serve({ ...files, 'model.json': new TextEncoder().encode(new TextDecoder().decode(files['model.json']!) + ' ') });
    // The first weight file the digests name starts beside model.json (a round trip sooner): here it
    // never answers, so only the refusal can end it.
    let weightSignal: AbortSignal | undefined;
    const fetchFunc = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).includes('.bin')) return changed(input);
      weightSignal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    }) as typeof fetch;
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, digests: await digestsOf(files) }));
    expect(e.kind).toBe('integrity');
    expect(e.message).toContain('model.json does not match');
    expect(weightSignal?.aborted).toBe(true);
  });

  test('with digests, the first weight file downloads beside model.json, and only once', async () => {
    const fetchFunc = serve(files);
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, digests: await digestsOf(files) });
    expect(fetchFunc.calls.toSorted()).toEqual(['http://a.test/m/group1-shard1of1.bin', 'http://a.test/m/model.json']);
    m.model.dispose();
  });

  test('a file the checksums do not list is refused', async () => {
    const digests = await digestsOf(files);
    delete digests['group1-shard1of1.bin'];
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(files), digests }));
    expect(e.kind).toBe('integrity');
    expect(e.message).toMatch(/group1-shard1of1\.bin is not one of the files/);
  });

  test('bring-your-own over the size limit is refused from its model.json alone, with its size', async () => {
    const fetchFunc = serve(files);
    const weightBytes = files['group1-shard1of1.bin']!.length;
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, maxWeightBytes: weightBytes - 1 }));
    expect(e.kind).toBe('too-large');
    expect(e.message).toContain(`${weightBytes.toLocaleString('en')} bytes`);
    expect(fetchFunc.calls).toEqual(['http://a.test/m/model.json']); // no weight request at all
    const ok = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc: serve(files), maxWeightBytes: weightBytes });
    ok.model.dispose();
  });

  test('a fallback host is reported as such', async () => {
    const m = await loadModel(tf, ['http://own.test/models/tiny/model.json', 'http://a.test/m/model.json'], { fetchFunc: serve(files) });
    expect(m.source).toEqual({ host: 'a.test', fallback: true });
    expect(m.verified).toBe(false);
    m.model.dispose();
  });

  test('aborting mid-download rejects at once with an AbortError, even when the transfer would never end', async () => {
    const bin = files['group1-shard1of1.bin']!;
    const inner = serve(files);
    let binRequests = 0;
    // The first chunk arrives, then the connection hangs forever (and this fetch ignores the signal).
    const hanging = (async (input: RequestInfo | URL) => {
      if (!String(input).endsWith('.bin')) return inner(input);
      binRequests++;
      let sent = false;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(bin.slice(0, 64));
            }
            return new Promise(() => {});
          },
        }),
      );
    }) as typeof fetch;
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      await loadModel(tf, ['http://a.test/m/model.json'], {
        fetchFunc: hanging,
        signal: controller.signal,
        digests: await digestsOf(files),
        onProgress: (_, loaded) => {
          if (loaded > 0) controller.abort();
        },
      });
    } catch (e) {
      err = e;
    }
    expect(isAborted(err)).toBe(true);
    expect(err).not.toBeInstanceOf(ModelLoadError);
    expect(binRequests).toBe(1); // not retried
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a signal aborted before the load starts fetches nothing', async () => {
    const fetchFunc = serve(files);
    const e = await errorOf(loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, signal: AbortSignal.abort() }));
    expect(e.name).toBe('AbortError');
    expect(fetchFunc.calls).toEqual([]);
  });
});

describe('gzip-compressed weights (`gzipWeights`: the site serves `<file>.gz` beside each weight file)', () => {
  const bin = () => files['group1-shard1of1.bin']!;
  const gz = () => new Uint8Array(gzipSync(bin(), { level: 9 }));

  test('fetches the .gz (with the version query kept last), decompresses it as it arrives, checks the plain digest, counts plain bytes', async () => {
    const fetchFunc = serve({ ...files, 'group1-shard1of1.bin': new Uint8Array(0), 'group1-shard1of1.bin.gz': gz() });
    const loaded: number[] = [];
    const digests = await digestsOf(files);
    const m = await loadModel(tf, ['http://a.test/m/model.json?v=abc'], {
      fetchFunc,
      digests,
      gzipWeights: true,
      onProgress: (_, l, total) => {
        loaded.push(l);
        expect(total).toBe(bin().length);
      },
    });
    expect(fetchFunc.calls.toSorted()).toEqual([
      `http://a.test/m/group1-shard1of1.bin.gz?v=${digests['group1-shard1of1.bin']!.slice(0, 12)}`,
      'http://a.test/m/model.json?v=abc',
    ]);
    expect(loaded.at(-1)).toBe(bin().length);
    expect(m.verified).toBe(true);
    m.model.dispose();
  });

  test('a host that decoded the .gz already (Content-Encoding: gzip) sends the plain bytes: used as they are', async () => {
    const fetchFunc = serve({ ...files, 'group1-shard1of1.bin.gz': bin() });
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, digests: await digestsOf(files), gzipWeights: true });
    expect(fetchFunc.calls.toSorted()).toEqual(['http://a.test/m/group1-shard1of1.bin.gz', 'http://a.test/m/model.json']);
    m.model.dispose();
  });

  test('a host without the .gz: the plain file is fetched instead', async () => {
    const fetchFunc = serve(files);
    const m = await loadModel(tf, ['http://a.test/m/model.json'], { fetchFunc, digests: await digestsOf(files), gzipWeights: true });
    expect(fetchFunc.calls.filter((c) => c.includes('.bin'))).toEqual([
      'http://a.test/m/group1-shard1of1.bin.gz',
      'http://a.test/m/group1-shard1of1.bin',
    ]);
    m.model.dispose();
  });

  test('damaged gzip data is retried, and a .gz of other bytes is refused by the digest', async () => {
    const damaged = gz().slice(0, 40);
    const tries = serve({ ...files, 'group1-shard1of1.bin.gz': damaged });
    const e = await errorOf(
      loadModel(tf, ['http://a.test/m/model.json'], {
        fetchFunc: tries,
        digests: await digestsOf(files),
        gzipWeights: true,
        net: { offline: () => false, whenOnline: async () => {}, sleep: async () => {} },
      }),
    );
    expect(e.kind).toBe('truncated');
    expect(tries.calls.filter((c) => c.endsWith('.gz'))).toHaveLength(3); // a first try and two retries
    const other = new Uint8Array(gzipSync(bin().map((b) => b ^ 1)));
    const wrong = await errorOf(
      loadModel(tf, ['http://a.test/m/model.json'], {
        fetchFunc: serve({ ...files, 'group1-shard1of1.bin.gz': other }),
        digests: await digestsOf(files),
        gzipWeights: true,
      }),
    );
    expect(wrong.kind).toBe('integrity');
  });
});

describe('the check run on zeros', () => {
  /** tfjs whose `zeros` (the loader's only use of it is that run) is counted. */
  const counting = () => {
    const runs = { n: 0 };
    const zeros = tf.zeros as (shape: number[]) => tf.Tensor;
    const counted = { ...tf, zeros: ((shape: number[]) => (runs.n++, zeros(shape))) as typeof tf.zeros } as typeof tf;
    return { runs, tf: counted };
  };

  test('runs for a model the lock does not vouch for, and not for one whose every file matched it', async () => {
    const own = counting();
    (await loadModel(own.tf, ['http://a.test/m/model.json'], { fetchFunc: serve(files) })).model.dispose();
    expect(own.runs.n).toBe(1);
    const site = counting();
    (
      await loadModel(site.tf, ['http://a.test/m/model.json'], { fetchFunc: serve(files), digests: await digestsOf(files) })
    ).model.dispose();
    expect(site.runs.n).toBe(0);
  });
});
