// The modulepreload links the build writes into each page (src/plugins/module-preload.mjs): every
// module the page's scripts import statically, followed through the built files, and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { init } from 'es-module-lexer';
import { staticClosure, withModulePreloads } from '../../src/plugins/module-preload.mjs';

/** A built site's scripts: path → code (bundler-style output: minified imports, one dynamic). */
const FILES: Record<string, string> = {
  '/_astro/page.js': 'import{a as e}from"./shared.js";import"./side.js";e();',
  '/_astro/shared.js': 'import{b}from"./deep.js";export const a=()=>b;',
  '/_astro/deep.js': 'import"./shared.js";export const b=1;const later=()=>import("./island.js");',
  '/_astro/side.js': 'export{c}from"./re-export.js";import"https://cdn.example/x.js";',
  '/_astro/re-export.js': 'export const c=2;',
  '/_astro/island.js': 'import"./island-dep.js";',
  '/_astro/island-dep.js': '',
  '/_astro/other.js': 'import"./deep.js";',
};
const read = (path: string) => FILES[path] ?? null;

const page = (head: string, body: string) => `<html><head>${head}</head><body>${body}</body></html>`;
const links = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);

beforeAll(() => init);

describe('module preload', () => {
  it('follows static imports and re-exports to any depth, once each, never a dynamic import or another host', () => {
    expect(staticClosure(['/_astro/page.js'], read)).toEqual([
      '/_astro/shared.js',
      '/_astro/side.js',
      '/_astro/deep.js',
      '/_astro/re-export.js',
    ]);
  });

  it('puts a link in the head for each module a page’s scripts import, its own scripts left out', () => {
    const html = withModulePreloads(
      page(
        '<title>t</title><script type="module" src="/_astro/page.js"></script>',
        '<script type="module" src="/_astro/other.js"></script>',
      ),
      '/metrics/',
      read,
    );
    expect(links(html)).toEqual(['/_astro/shared.js', '/_astro/side.js', '/_astro/deep.js', '/_astro/re-export.js']);
    expect(html.indexOf('rel="modulepreload"')).toBeLessThan(html.indexOf('</head>'));
  });

  it('follows an inline module script’s imports, and names no module twice', () => {
    const inline = page(
      '<link rel="modulepreload" href="/_astro/deep.js">',
      '<script type="module">import{a}from"/_astro/shared.js";a();</script>',
    );
    expect(links(withModulePreloads(inline, '/metrics/', read))).toEqual(['/_astro/deep.js', '/_astro/shared.js']);
  });

  it('leaves a page whose scripts import nothing, or that has none, as it is', () => {
    const plain = page('<script type="module" src="/_astro/re-export.js"></script><script>var x=1</script>', '<p>text</p>');
    expect(withModulePreloads(plain, '/', read)).toBe(plain);
    expect(withModulePreloads(page('', ''), '/', read)).toBe(page('', ''));
  });
});
