// The built site's pages, for the integrations that rewrite or read them after `astro build`
// (engine-prefetch.mjs writes a script into them, csp-headers.mjs hashes their inline scripts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.html` file under `dir`, at any depth. */
export const htmlFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));
