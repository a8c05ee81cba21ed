// Module preload links for each built page's own scripts. Astro writes a page's scripts as
// `<script type="module" src>` tags whose shared code sits in chunks they import, which import others:
// the browser finds each level only once the one before has arrived and been parsed, so on a phone
// (150 ms round trips, a slow CPU) /metrics/ took three round trips more than it needed before its
// scripts ran and its load event fired, and a reader's click waited for them (`npm run bench:cold`).
// A `<link rel="modulepreload">` for every module those scripts import statically lets the browser
// fetch them all beside the first. Only static imports: code behind `import()` (an island's, a demo's
// engine) still loads when it is used, and no file is fetched that the page would not fetch anyway.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { htmlFiles, pageScripts } from './built-pages.mjs';

/**
 * The site's own modules `code` imports statically (`import … from`, `import '…'`, `export … from`),
 * as URL paths resolved against `from` (a bare specifier or a full URL is not a file of this site).
 */
function staticImports(code, from) {
  const [imports] = parse(code);
  return imports
    .filter((i) => i.d === -1 && i.n !== undefined && /^[./]/.test(i.n))
    .map((i) => new URL(i.n, `http://site${from}`).pathname);
}

/**
 * Every module reached from `entries` (URL paths) through static imports, excluding the entries
 * themselves, in the order first reached (breadth first). `read(path)` gives a module's code, or null
 * for a file that is not the site's (left out, with what it imports).
 */
export function staticClosure(entries, read) {
  const seen = new Set(entries);
  const found = [];
  const queue = [...entries];
  while (queue.length) {
    const path = queue.shift();
    const code = read(path);
    if (code === null) continue;
    for (const dep of staticImports(code, path)) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      found.push(dep);
      queue.push(dep);
    }
  }
  return found;
}

/**
 * `html` with a modulepreload link, before `</head>`, for each module its scripts import statically
 * (`read` as for staticClosure; an inline script's imports resolve against `pagePath`).
 */
export function withModulePreloads(html, pagePath, read) {
  const modules = pageScripts(html).filter((s) => /\btype="module"/.test(s.attrs));
  const srcs = modules.flatMap((s) => (s.src ? [s.src] : []));
  const fromInline = modules.flatMap((s) => (s.src === null ? staticImports(s.code, pagePath) : []));
  const entries = [...new Set([...srcs, ...fromInline])];
  const preload = [...new Set([...fromInline.filter((p) => !srcs.includes(p)), ...staticClosure(entries, read)])].filter(
    (p) => !html.includes(`href="${p}"`),
  );
  if (!preload.length) return html;
  const links = preload.map((p) => `<link rel="modulepreload" href="${p}">`).join('');
  return html.replace('</head>', `${links}</head>`);
}

/** @returns {import('astro').AstroIntegration} */
export function modulePreload() {
  let base = '/';
  return {
    name: 'module-preload',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.replace(/\/?$/, '/');
      },
      'astro:build:done': async ({ dir }) => {
        await init;
        const out = fileURLToPath(dir);
        /** A URL path of the site → its built file's code (null outside the base or not a module), read once. */
        const code = new Map();
        const read = (path) => {
          if (!code.has(path)) code.set(path, readModule(path));
          return code.get(path);
        };
        const readModule = (path) => {
          if (!path.startsWith(base) || !/\.m?js$/.test(path)) return null;
          try {
            return readFileSync(out + path.slice(base.length), 'utf8');
          } catch {
            return null;
          }
        };
        for (const file of htmlFiles(out)) {
          const pagePath = base + file.slice(out.length).replace(/index\.html$/, '');
          const html = readFileSync(file, 'utf8');
          const next = withModulePreloads(html, pagePath, read);
          if (next !== html) writeFileSync(file, next);
        }
      },
    },
  };
}
