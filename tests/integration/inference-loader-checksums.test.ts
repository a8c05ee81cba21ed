// The loader's checksums on the real MobileNet files `npm run models` placed (the loader's other paths,
// on tiny models: tests/unit/inference-loader.test.ts).
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadModel, ModelLoadError } from '../../src/lib/inference/loader';
import { expectedDigests } from '../../src/lib/inference/lock';
import { modelsPresent, publicFetch, SITE } from '../helpers/node-models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as ModelLoadError;
  }
  throw new Error('expected the load to fail');
};

describe('verified downloads', () => {
  const MOBILENET = 'mobilenet_v1_0.75';
  const realUrl = `${SITE}/models/${MOBILENET}/model.json`;

  test('the real MobileNet files pass their checksums from models.lock.json', async () => {
    if (!modelsPresent([MOBILENET])) throw new Error('run `npm run models` first');
    const m = await loadModel(tf, [realUrl], { fetchFunc: publicFetch, digests: expectedDigests(MOBILENET) });
    expect(m.verified).toBe(true);
    expect(m.source).toEqual({ host: 'site.test', fallback: false });
    m.model.dispose();
  });

  test('one changed byte in a real weight file is refused, naming the file; nothing is built', async () => {
    const shard = 'group10-shard1of1';
    const flipping = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await publicFetch(input, init);
      if (!String(input).endsWith('/' + shard)) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      bytes[bytes.length >> 1]! ^= 0x01;
      return new Response(bytes);
    }) as typeof fetch;
    const before = tf.memory().numTensors;
    const e = await errorOf(loadModel(tf, [realUrl], { fetchFunc: flipping, digests: expectedDigests(MOBILENET) }));
    expect(e).toBeInstanceOf(ModelLoadError);
    expect(e.kind).toBe('integrity');
    expect(e.message).toContain(`${shard} does not match its published checksum`);
    expect(tf.memory().numTensors).toBe(before);
  });
});
