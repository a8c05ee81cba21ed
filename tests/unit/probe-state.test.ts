// The ResNet-50 probe's state over a fake engine worker and a fake paint worker: the statuses and
// progress of its one download, its top-5, polite messages for a wrong file and a failed or cancelled
// download, only the last photo's answer, and answers asked once per photo.
import { describe, expect, it } from 'vitest';
import { PROBE_MODEL, probeMessage } from '../../src/components/probe/probe-state.svelte';
import { formatMB } from '../../src/lib/format';
import { AbortedError } from '../../src/lib/worker-rpc';
import { probePhoto, probeSetup } from '../helpers/fake-probe';

const ESPRESSO = 967;
const TABBY = 281;
const GALLERY = { kind: 'gallery', file: 'coffee.jpg' } as const;
const OWN = { kind: 'own' } as const;

describe('the ResNet-50 probe state', () => {
  it('reads the photo, downloads ResNet-50 with progress, runs it once and shows its top-5', async () => {
    const { engine, probe, statuses } = probeSetup();
    engine.hold('load');
    const done = probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    expect(probe.busy).toBe('Reading the photo…');
    await expect.poll(() => probe.progress).toBe(0.25);
    expect(probe.busy).toBe(`Downloading ${PROBE_MODEL.name} (${formatMB(PROBE_MODEL.bytes)})…`);
    expect([probe.photo?.title, probe.ready, probe.top5]).toEqual(['Coffee cup', false, null]);
    engine.release('load');
    await done;
    expect([...new Set(statuses)]).toEqual([
      `Downloading ${PROBE_MODEL.name} (${formatMB(PROBE_MODEL.bytes)})…`,
      'Running ResNet-50 on Coffee cup…',
    ]);
    expect([probe.ready, probe.busy, probe.progress, probe.alert]).toEqual([true, null, null, null]);
    expect(probe.top5!.map((r) => r.index)).toEqual([ESPRESSO, 968, 969, 970, 971]);
    expect(probe.top5!.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(probe.spec.urls[0]).toMatch(/^https:\/\/site\.test\/models\/resnet50_uint8\/model\.json/);
    await expect.poll(() => probe.numTensors).toBe(11);
  });

  it('a file that is not a photo gets the reason, and the photo shown before stays', async () => {
    const { engine, painter, probe } = probeSetup();
    await probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    await probe.choose(OWN, async () => ({ blob: new Blob(['%PDF-1.7 …']), name: 'notes.pdf', title: 'notes.pdf', alt: '' }));
    expect(probe.alert).toMatch(/^“notes\.pdf” is not an image: it looks like a PDF\./);
    expect([probe.photo?.title, probe.ready, probe.busy, probe.top5?.[0]?.index]).toEqual(['Coffee cup', true, null, ESPRESSO]);
    expect(painter.held.size).toBe(1);
    expect(engine.count('classify')).toBe(1);
  });

  it('a model that fails to download says so; the next photo tries again', async () => {
    const { engine, probe } = probeSetup();
    engine.failLoads('The model could not be downloaded: the server answered 503.');
    await probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    expect([probe.alert, probe.ready, probe.busy, probe.progress]).toEqual([
      'The model could not be downloaded: the server answered 503.',
      false,
      null,
      null,
    ]);
    engine.answerLoads();
    await probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    expect([probe.alert, probe.ready, probe.top5?.[0]?.index]).toEqual([null, true, ESPRESSO]);
  });

  it('a cancelled download keeps nothing and says so', async () => {
    const { engine, probe } = probeSetup();
    engine.hold('load');
    const done = probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    await expect.poll(() => probe.progress).not.toBeNull();
    probe.cancelDownload();
    await done;
    expect([probe.alert, probe.ready, probe.busy, probe.progress]).toEqual([
      'The download was cancelled. Nothing was kept; pick a photo again when you like.',
      false,
      null,
      null,
    ]);
  });

  it('a second photo picked while the first runs shows only the second answer, and lets the first go', async () => {
    const { engine, painter, probe } = probeSetup();
    engine.hold('classify');
    const first = probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    await expect.poll(() => engine.count('classify')).toBe(1);
    const firstId = probe.photo!.id;
    const second = probe.choose(OWN, probePhoto('Chelsea the cat', TABBY));
    await expect.poll(() => engine.count('classify')).toBe(2);
    engine.release('classify');
    await Promise.all([first, second]);
    expect([probe.photo?.title, probe.photo?.choice, probe.ready, probe.top5?.[0]?.index, probe.alert]).toEqual([
      'Chelsea the cat',
      OWN,
      true,
      TABBY,
      null,
    ]);
    expect(painter.dropped).toContain(firstId);
    expect([...painter.held.keys()]).toEqual([probe.photo!.id]);
  });

  it('asks the worker once per photo and layer, sends a photo the worker let go of again, and asks again for a new photo', async () => {
    const { engine, probe } = probeSetup();
    await probe.choose(GALLERY, probePhoto('Coffee cup', ESPRESSO));
    const a = await probe.layer('conv1_conv');
    expect(await probe.layer('conv1_conv')).toBe(a);
    expect([a.layer, a.channels.length, engine.count('probe-layer')]).toEqual(['conv1_conv', 16, 1]);
    engine.images.clear(); // the engine keeps only a few images
    const puts = engine.count('put-image');
    expect((await probe.layer('conv2_block1_out')).layer).toBe('conv2_block1_out');
    expect([engine.count('put-image'), engine.count('probe-layer')]).toEqual([puts + 1, 3]);
    await probe.choose(GALLERY, probePhoto('Chelsea the cat', TABBY));
    await probe.layer('conv1_conv');
    expect(engine.count('probe-layer')).toBe(4);
  });

  it('says nothing for a superseded request, and words any other failure', async () => {
    const { probe } = probeSetup();
    await expect(probe.layer('conv1_conv')).rejects.toThrow('Pick a photo first.');
    expect(probeMessage(new AbortedError('superseded'))).toBeNull();
    expect(probeMessage(new Error('the layer "x" is not in this model'))).toBe(
      'Something went wrong: the layer "x" is not in this model. The page still works: try again or pick another image.',
    );
  });
});
