// The residual-branch chart's state over the probe and a fake engine worker: the bars' data for the
// current photo, the block chosen at first (the branch that adds most), its maps, the sentences from
// the reader's numbers, nothing of an older photo, and failures in words.
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { ResidualState } from '../../src/components/probe/residual-state.svelte';
import { residualSentences, summarizeResiduals } from '../../src/lib/probe/residual-summary';
import { AbortedError } from '../../src/lib/worker-rpc';
import { RATIOS } from '../helpers/fake-engine';
import { probePhoto, probeSetup } from '../helpers/fake-probe';

const ESPRESSO = 967;
const TABBY = 281;
const GALLERY = { kind: 'gallery', file: 'coffee.jpg' } as const;

async function measured() {
  const setup = probeSetup();
  await setup.probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
  const rs = new ResidualState(setup.probe);
  await rs.measure(setup.probe.photo!);
  flushSync();
  return { ...setup, rs };
}

describe('the residual-branch chart state', () => {
  it("measures every block on the photo, picks the branch that adds most, and words the reader's numbers", async () => {
    const { engine, rs } = await measured();
    expect(rs.list).toEqual(RATIOS);
    expect([rs.selected, rs.block]).toEqual([2, 'conv3_block1']);
    expect(rs.summary?.below1).toBe(2);
    expect(rs.text).toEqual(residualSentences(summarizeResiduals(RATIOS)!));
    expect(rs.text!.findings).toMatch(/^On this photo the branch of conv3_x block 1 adds the most/);
    expect([rs.error, engine.count('residuals')]).toEqual([null, 1]);
  });

  it("shows the chosen block's maps, and none of another block until they arrive", async () => {
    const { probe, rs } = await measured();
    const photo = probe.photo!;
    await rs.loadMaps(photo, 'conv3_block1');
    expect([rs.shownMaps?.block, rs.shownMaps?.branch.length]).toEqual(['conv3_block1', 6]);
    rs.selected = 0;
    flushSync();
    expect([rs.block, rs.shownMaps]).toEqual(['conv2_block1', null]);
    await rs.loadMaps(photo, 'conv2_block1');
    expect(rs.shownMaps?.block).toBe('conv2_block1');
    // Maps that arrive for a block no longer chosen are not shown.
    await rs.loadMaps(photo, 'conv3_block2');
    expect(rs.shownMaps?.block).toBe('conv2_block1');
  });

  it("never shows an older photo's bars or maps, and measures a photo once", async () => {
    const { engine, probe, rs } = await measured();
    const coffee = probe.photo!;
    await rs.loadMaps(coffee, 'conv3_block1');
    await probe.choose(GALLERY, probePhoto('Chelsea the cat', TABBY));
    flushSync();
    expect([rs.list, rs.block, rs.shownMaps]).toEqual([null, null, null]);
    // The old photo's answer arriving late is dropped.
    await rs.measure(coffee);
    expect(rs.list).toBeNull();
    await rs.measure(probe.photo!);
    await rs.measure(probe.photo!);
    flushSync();
    expect([rs.list?.length, engine.count('residuals')]).toEqual([RATIOS.length, 2]);
  });

  it('a failed measurement is shown in words; a superseded one says nothing', async () => {
    const { engine, probe } = await measured();
    engine.on('residuals', () => {
      throw new Error('the block "conv2_block1" has no addition');
    });
    await probe.choose(GALLERY, probePhoto('Chelsea the cat', TABBY));
    const rs = new ResidualState(probe);
    await rs.measure(probe.photo!);
    expect(rs.error).toBe(
      'Something went wrong: the block "conv2_block1" has no addition. The page still works: try again or pick another image.',
    );
    const quiet = new ResidualState(probe);
    quiet.fail(new AbortedError('superseded'));
    expect(quiet.error).toBeNull();
  });
});
