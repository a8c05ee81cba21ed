// What the photo row of the figures that run ResNet-50 on a photo (PhotoSource.svelte, in the probe's
// PhotoPicker and the block-deletion figure) hands its figure: a gallery photo, the reader's own file or
// the classifier's photo, named at once, its bytes fetched or read only when the figure runs it.
import type { GalleryPhoto } from '../../lib/data/gallery';
import type { PhotoChoice } from '../../lib/probe/photo-url';
import type { ClassifierPhoto } from './photo-bus';

export interface PhotoPick {
  /** Where the photo came from, as the probe's link keeps it. */
  choice: PhotoChoice;
  /** The gallery file, or null for the reader's own photo or the classifier's. */
  galleryFile: string | null;
  title: string;
  alt: string;
  /** The name a bad file's message gives it. */
  name: string;
  blob: () => Promise<Blob>;
}

type Fetch = (url: string) => Promise<Response>;
const fetchUrl: Fetch = (url) => fetch(url);

/** A gallery photo's bytes from the site under `root` (ending in '/'), or why they did not come. */
export async function galleryBlob(root: string, file: string, get: Fetch = fetchUrl): Promise<Blob> {
  const res = await get(`${root}gallery/${file}`);
  if (!res.ok) throw new Error(`the gallery photo ${file} did not load (HTTP ${res.status})`);
  return res.blob();
}

export const galleryPick = (photo: GalleryPhoto, root: string, get: Fetch = fetchUrl): PhotoPick => ({
  choice: { kind: 'gallery', file: photo.file },
  galleryFile: photo.file,
  title: photo.title,
  alt: photo.alt,
  name: photo.file,
  blob: () => galleryBlob(root, photo.file, get),
});

/** The reader's own file, chosen or dropped (a file without a name is "your image"). */
export const filePick = (file: File): PhotoPick => ({
  choice: { kind: 'own' },
  galleryFile: null,
  title: file.name || 'your image',
  alt: file.name ? `Your image ${file.name}` : 'Your image',
  name: file.name || 'The dropped image',
  blob: async () => file,
});

/** The photo the classifier on the page shows: its preview (checked there), fetched again for the figure's copy. */
export const classifierPick = (photo: ClassifierPhoto, get: Fetch = fetchUrl): PhotoPick => ({
  choice: { kind: 'classifier' },
  galleryFile: null,
  title: photo.title,
  alt: photo.alt,
  name: photo.title,
  blob: async () => {
    const res = await get(photo.previewUrl).catch(() => null);
    if (!res?.ok) throw new Error('the classifier has moved on to another photo; pick it again there');
    return res.blob();
  },
});
