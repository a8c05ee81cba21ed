// The ResNet-50 probe's state over a fake engine worker and a fake paint worker: photos are blobs of
// type `image/x-fake` whose text is the class they show; anything else meets the real byte checks.
import { ProbeState, type PickedPhoto, type ProbePainter } from '../../src/components/probe/probe-state.svelte';
import { BadImageError } from '../../src/components/shared/decode-image';
import { checkImageBytes } from '../../src/lib/inference/image-checks';
import { FakeEngine, copyOf, fakeBitmap } from './fake-engine';

const FAKE = 'image/x-fake';

class FakePainter implements ProbePainter {
  /** The photos the paint worker holds: id → the class shown. */
  readonly held = new Map<string, number>();
  readonly dropped: string[] = [];

  async putPhoto(photoId: string, blob: Blob, name: string): Promise<{ width: number; height: number; previewUrl: string }> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (blob.type !== FAKE) {
      const verdict = checkImageBytes(bytes, name);
      throw new BadImageError(verdict.ok ? `“${name}” is not one of this test's photos` : verdict.message);
    }
    this.held.set(photoId, Number(new TextDecoder().decode(bytes)));
    return { width: 640, height: 480, previewUrl: URL.createObjectURL(blob) };
  }

  drop(photoId: string): void {
    this.held.delete(photoId);
    this.dropped.push(photoId);
  }

  async copy(photoId: string): Promise<ImageBitmap> {
    const shows = this.held.get(photoId);
    if (shows === undefined) throw new Error('Pick a photo first.');
    return copyOf(fakeBitmap(shows)) as unknown as ImageBitmap;
  }
}

/** The reader's pick of a photo showing class `shows`. */
export const probePhoto = (title: string, shows: number) => async (): Promise<PickedPhoto> => ({
  blob: new Blob([String(shows)], { type: FAKE }),
  name: `${title}.jpg`,
  title,
  alt: `A photo: ${title}`,
});

export function probeSetup() {
  const engine = new FakeEngine();
  const painter = new FakePainter();
  const probe = new ProbeState({ engine: () => engine.client, painter, siteUrl: (path) => `https://site.test${path}` });
  const statuses: (string | null)[] = [];
  engine.onCall = () => statuses.push(probe.busy);
  return { engine, painter, probe, statuses };
}
