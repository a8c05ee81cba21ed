// Small copies of the gallery's photos for its buttons (src/lib/image/thumbnail.ts says why), made
// from public/gallery/ when the site is built (into dist/gallery/thumbs/) and on request under
// `astro dev`, so no generated file is kept in the repository.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { thumbnail } from '../lib/image/thumbnail.ts';

/** JPEG quality of the thumbnails: small files, no visible blocks at 96 × 72 px. */
const QUALITY = 80;
const THUMB_PATH = /\/gallery\/thumbs\/([\w-]+\.jpg)(?:\?.*)?$/;

/** @returns {import('astro').AstroIntegration} */
export function galleryThumbnails() {
  let gallery = '';
  /** @param {string} file */
  const make = (file) => {
    const photo = jpeg.decode(readFileSync(join(gallery, file)), { useTArray: true, formatAsRGBA: true });
    return jpeg.encode(thumbnail(photo), QUALITY).data;
  };
  return {
    name: 'gallery-thumbnails',
    hooks: {
      'astro:config:setup': ({ config }) => {
        gallery = join(fileURLToPath(config.publicDir), 'gallery');
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const file = THUMB_PATH.exec(req.url ?? '')?.[1];
          if (!file) return next();
          try {
            const body = make(file);
            res.setHeader('Content-Type', 'image/jpeg');
            res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
            res.end(body);
          } catch {
            next();
          }
        });
      },
      'astro:build:done': ({ dir }) => {
        const out = join(fileURLToPath(dir), 'gallery', 'thumbs');
        mkdirSync(out, { recursive: true });
        for (const file of readdirSync(gallery).filter((f) => f.endsWith('.jpg'))) writeFileSync(join(out, file), make(file));
      },
    },
  };
}
