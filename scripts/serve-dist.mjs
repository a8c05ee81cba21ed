#!/usr/bin/env node
// Serves dist/ the way a static host would, with exactly the headers in dist/_headers (written by the
// build): the e2e CSP run uses it to prove every page and demo works under the production policy.
//   node scripts/serve-dist.mjs --port 4322 [--refuse file-name] [--stall file-name] [--flaky file-name]
//                               [--no-csp] [--no-validators] [--compress] [--http2 --key FILE --cert FILE]
import { createServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('../dist', import.meta.url)));
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const port = Number(arg('--port') || 4322);
// --refuse NAME: answer 404 for every file of that name, as a host that lacks it would; --stall NAME:
// never answer for it, as a connection that hangs would (e2e fault tests).
const refused = arg('--refuse');
const stalled = arg('--stall');
// --flaky NAME: the first request for each file of that name answers 503, as an overloaded host might.
const flaky = arg('--flaky');
const failedOnce = new Set();
// --no-validators: no ETag and no Cache-Control at all, as a host left unconfigured may serve: the
// browser's HTTP cache can then neither reuse nor revalidate anything (tests/e2e/weight-cache.spec.ts).
const noValidators = process.argv.includes('--no-validators');
// --compress: gzip the compressible types (scripts, styles, JSON, wasm, SVG, HTML) for a client that
// accepts it, as production static hosts do (`npm run bench:cold`'s production host). `.gz` files are
// sent as they are, as application/gzip.
const compress = process.argv.includes('--compress');
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm|xml)|image\/svg)/;
/** Compressed bodies by file, made once. */
const gzipped = new Map();
// --http2: HTTP/2 over TLS, as production static hosts serve (no six-connection limit per host, so the
// page's scripts do not queue behind its prefetches and fonts), with the key and certificate of
// --key FILE --cert FILE (scripts/bench-site.mjs makes a self-signed one and tells Chromium to trust it:
// Chromium keeps nothing in its HTTP cache from a host whose certificate error it merely ignores).
const http2 = process.argv.includes('--http2');
// _headers: rules of a path pattern ("/*", "/models/*") and its indented header lines; every rule that
// matches a path applies, in order.
const rules = [];
for (const l of readFileSync(join(root, '_headers'), 'utf8').split('\n')) {
  if (/^\//.test(l)) rules.push({ prefix: l.trim().replace(/\*$/, ''), headers: {} });
  else if (/^\s+\S+:/.test(l) && rules.length) {
    const i = l.indexOf(':');
    rules.at(-1).headers[l.slice(0, i).trim()] = l.slice(i + 1).trim();
  }
}
const headersFor = (path) => {
  const h = Object.assign({}, ...rules.filter((r) => path.startsWith(r.prefix)).map((r) => r.headers));
  // --no-csp: every production header but the Content-Security-Policy (a WebDriver client that evaluates
  // its scripts in the page needs eval; the CSP itself is tested in Chromium, tests/e2e/csp.spec.ts).
  if (process.argv.includes('--no-csp')) delete h['Content-Security-Policy'];
  if (noValidators) delete h['Cache-Control'];
  return h;
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.gz': 'application/gzip',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

const handle = (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (stalled && path.endsWith(`/${stalled}`)) return;
  if (flaky && path.endsWith(`/${flaky}`) && !failedOnce.has(path)) {
    failedOnce.add(path);
    const { 'Cache-Control': _, ...uncached } = headersFor(path); // an error is never cacheable
    res.writeHead(503, uncached);
    res.end('try again');
    return;
  }
  const headers = headersFor(path);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) file = join(root, '404.html');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  const found = existsSync(file) && !(refused && file.endsWith(`/${refused}`));
  if (!found) file = join(root, '404.html');
  // Validators as a static host sends them, and its 304s carry the same headers as its 200s (WebKit
  // checks COEP on a revalidated worker script against the 304's own headers).
  const stat = statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const validators = noValidators ? {} : { ETag: etag, 'Cache-Control': headers['Cache-Control'] ?? 'no-cache' };
  if (found && !noValidators && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...headers, ...validators });
    res.end();
    return;
  }
  const { 'Cache-Control': _, ...errorHeaders } = headers;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const gzip = compress && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  let body = readFileSync(file);
  if (gzip) {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(body));
    body = gzipped.get(file);
  }
  res.writeHead(found ? 200 : 404, {
    ...(found ? headers : errorHeaders),
    ...(found ? validators : {}),
    'Content-Type': type,
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};
const server = http2
  ? createSecureServer({ key: readFileSync(arg('--key')), cert: readFileSync(arg('--cert')), allowHTTP1: true }, handle)
  : createServer(handle);
// --port 0 takes any free port; the line below names the one taken.
server.listen(port, '127.0.0.1', () =>
  console.log(`dist/ with production headers on ${http2 ? 'https' : 'http'}://127.0.0.1:${server.address().port}/`),
);
