// The plain-20 and the block-deletion numbers, reproduced from the committed weights
// (public/tiny-models/) on wasm, as the figure's worker and scripts/train-lesion.ts compute them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
// Registers the option-A shortcut layer ResNet-20's model.json names, as the worker does.
import '../../src/lib/arch/tfjs-model';
import { TINY_LESION, TINY_PLAIN20 } from '../../src/lib/data/tiny-lesion';
import { LESION_SPECS } from '../../src/lib/tiny/lesion-nets';
import { lesionError, randomBlocks } from '../../src/lib/tiny/lesion';
import { evaluateSet } from '../../src/lib/tiny/classify';
import { committedFashion, wasmTf } from '../helpers/wasm-train';
import { ROOT } from '../helpers/node-models';
import { loadSavedModel, tinyModelFolder } from '../../scripts/saved-model';

const loadTiny = (id: string): Promise<tf.LayersModel> => loadSavedModel(tf, tinyModelFolder(id));

describe('the plain-20 and block deletion, from the committed weights', () => {
  it("reproduces the plain-20's committed test error, confusion matrix and size", async () => {
    await wasmTf();
    const data = await committedFashion();
    const p = TINY_PLAIN20.nets[0]!;
    const dir = join(ROOT, 'public', 'tiny-models', 'tiny-plain20');
    expect(readFileSync(join(dir, 'model.json')).length + readFileSync(join(dir, 'weights.bin')).length).toBe(p.bytes);
    const model = await loadTiny('tiny-plain20');
    expect(model.countParams()).toBe(p.params);
    const before = tf.memory().numTensors;
    const r = await evaluateSet(tf, model, data.test, TINY_PLAIN20.dataset.normalisation);
    expect([r.errors, r.confusion]).toEqual([p.testErrors, p.confusion]);
    // The lesioned forward with nothing removed gives the same count.
    expect((await lesionError(tf, model, LESION_SPECS['tiny-plain20'](), data.test, TINY_LESION.dataset.normalisation, [])).errors).toBe(
      p.testErrors,
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 240_000);

  it('reproduces two committed deletions: one block of the plain-20, three random blocks of the ResNet-20', async () => {
    await wasmTf();
    const data = await committedFashion();
    const norm = TINY_LESION.dataset.normalisation;
    const [plain, resnet] = TINY_LESION.nets;
    const plainModel = await loadTiny('tiny-plain20');
    const one = plain!.blocks[1]!;
    const a = await lesionError(tf, plainModel, LESION_SPECS['tiny-plain20'](), data.test, norm, [one.id]);
    expect(a.errors).toBe(one.errors);
    plainModel.dispose();
    const resModel = await loadTiny('tiny-resnet20');
    const seedIndex = 1;
    const removed = randomBlocks(
      resnet!.blocks.map((b) => b.id),
      3,
      TINY_LESION.seeds[seedIndex]!,
    );
    const before = tf.memory().numTensors;
    const b = await lesionError(tf, resModel, LESION_SPECS['tiny-resnet20'](), data.test, norm, removed);
    expect(tf.memory().numTensors).toBe(before);
    expect(b.errors).toBe(resnet!.random[3]!.errors[seedIndex]);
    resModel.dispose();
  }, 240_000);
});
