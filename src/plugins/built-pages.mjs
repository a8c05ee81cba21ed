// The built site's pages, for the integrations that rewrite or read them after `astro build`
// (engine-prefetch.mjs writes a script into them, csp-headers.mjs hashes their inline scripts,
// module-preload.mjs links the modules their scripts import).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.html` file under `dir`, at any depth. */
export const htmlFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));

/**
 * Each `<script>` element of a page, in order: its attributes as written, its `src` (null for an inline
 * script, one without a `src` attribute) and its inline code.
 */
export const pageScripts = (html) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attrs, code]) => ({
    attrs,
    src: /\bsrc=/.test(attrs) ? (/\bsrc=["']?([^"'\s>]*)/.exec(attrs)?.[1] ?? '') : null,
    code,
  }));
