// Which photo the ResNet-50 probe shows, in the page URL (src/lib/url-state.ts, prefix `photo`):
// `?photo.choice=coffee` (a gallery photo, by its file name without extension), `photo.choice=own` (the
// reader's own file) or `photo.choice=classifier` (the classifier's photo). The last two never leave
// the browser, so after a reload they cannot be restored: the page says so and offers the gallery.
import { defineUrlState, text } from '../url-state';

export type PhotoChoice = { readonly kind: 'gallery'; readonly file: string } | { readonly kind: 'own' } | { readonly kind: 'classifier' };

/** The probe's URL keys: the choice, '' when none. */
const photoUrl = defineUrlState('photo', { choice: { codec: text(), default: '' } });

const stem = (file: string) => file.replace(/\.[^.]+$/, '');

/** The choice named in a query string, or null (none, or a gallery id that does not exist). */
export function readPhoto(search: string, galleryFiles: readonly string[]): PhotoChoice | null {
  const v = photoUrl.read(search).choice;
  if (v === '') return null;
  if (v === 'own' || v === 'classifier') return { kind: v };
  const file = galleryFiles.find((f) => stem(f) === v);
  return file ? { kind: 'gallery', file } : null;
}

/** The URL value of a choice. */
const photoParam = (c: PhotoChoice): string => (c.kind === 'gallery' ? stem(c.file) : c.kind);

/** The same URL with the photo written in (other parameters and the hash kept). */
export function writePhoto(href: string, c: PhotoChoice | null): string {
  return photoUrl.href({ choice: c ? photoParam(c) : '' }, href);
}
