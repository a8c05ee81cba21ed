// The photo row of the ResNet-50 figures (src/components/shared/photo-source.ts): what a gallery photo,
// the reader's own file and the classifier's photo are called and where each comes from, the gallery
// fetched from the site's base, and a polite reason when bytes do not come.
import { describe, expect, it } from 'vitest';
import { GALLERY } from '../../src/lib/data/gallery';
import { classifierPick, filePick, galleryBlob, galleryPick } from '../../src/components/shared/photo-source';

const coffee = GALLERY.find((g) => g.file === 'coffee.jpg')!;

/** A fetch that answers `status` with the URL it was asked as the body, and records the URLs. */
function fakeFetch(status = 200) {
  const asked: string[] = [];
  const get = async (url: string) => {
    asked.push(url);
    return new Response(status === 200 ? url : null, { status });
  };
  return { asked, get };
}

describe('the photo row of the ResNet-50 figures', () => {
  it('names a gallery photo by its gallery entry and fetches it only when run, from the site base', async () => {
    const { asked, get } = fakeFetch();
    const p = galleryPick(coffee, '/base/', get);
    expect([p.choice, p.galleryFile, p.title, p.alt, p.name]).toEqual([
      { kind: 'gallery', file: 'coffee.jpg' },
      'coffee.jpg',
      coffee.title,
      coffee.alt,
      'coffee.jpg',
    ]);
    expect(asked).toEqual([]);
    expect(await (await p.blob()).text()).toBe('/base/gallery/coffee.jpg');
  });

  it('says which gallery photo did not load and the server’s answer', async () => {
    await expect(galleryBlob('/', 'coffee.jpg', fakeFetch(404).get)).rejects.toThrow(
      'the gallery photo coffee.jpg did not load (HTTP 404)',
    );
  });

  it('names the reader’s own file by its name, and one without a name as “your image”', async () => {
    const file = new File(['x'], 'cat.png', { type: 'image/png' });
    const p = filePick(file);
    expect([p.choice, p.galleryFile, p.title, p.alt, p.name, await p.blob()]).toEqual([
      { kind: 'own' },
      null,
      'cat.png',
      'Your image cat.png',
      'cat.png',
      file,
    ]);
    const nameless = filePick(new File(['x'], ''));
    expect([nameless.title, nameless.alt, nameless.name]).toEqual(['your image', 'Your image', 'The dropped image']);
  });

  it('takes the classifier’s photo from its preview, and says so politely once the classifier has moved on', async () => {
    const shown = { title: 'Coffee cup', alt: 'A cup', previewUrl: 'blob:preview' };
    const p = classifierPick(shown, fakeFetch().get);
    expect([p.choice, p.galleryFile, p.title, p.alt, p.name]).toEqual([{ kind: 'classifier' }, null, 'Coffee cup', 'A cup', 'Coffee cup']);
    expect(await (await p.blob()).text()).toBe('blob:preview');
    const revoked = classifierPick(shown, () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(revoked.blob()).rejects.toThrow('the classifier has moved on to another photo; pick it again there');
  });
});
