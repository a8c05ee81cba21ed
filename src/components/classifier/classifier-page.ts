// The page a classifier island runs in, as ClassifierState reaches it: the page's one engine client,
// bitmap copies for the worker, the photo bus, the site's URLs and its gallery photos.
import { decodeImage } from '../shared/decode-image';
import { classifierEngine, siteUrl, transferableCopy } from '../shared/engine';
import { publishClassifierPhoto } from '../shared/photo-bus';
import type { ClassifierPage } from './classifier-types';

/** The browser's services for an island on a site whose base URL is `root` (ending in '/'). */
export function classifierPage(root: string): ClassifierPage {
  return {
    engine: classifierEngine,
    copyImage: transferableCopy,
    publishPhoto: publishClassifierPhoto,
    siteUrl: siteUrl(root),
    galleryImage: async (file) => {
      const res = await fetch(`${root}gallery/${file}`);
      if (!res.ok) throw new Error(`the gallery photo ${file} did not load (HTTP ${res.status})`);
      return decodeImage(await res.blob(), file);
    },
  };
}
