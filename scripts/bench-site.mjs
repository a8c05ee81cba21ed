// What the browser benchmarks share: the built site under `astro preview` (ended when the script
// exits), Debian's Chromium with the flags the e2e tests use, and the page's long tasks.
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

/** Where `startPreview` serves the site (the production host speaks HTTP/2 over TLS). */
export const siteBase = (port, { production = false } = {}) => `${production ? 'https' : 'http'}://127.0.0.1:${port}`;

/** Whether `url` answers 200 (a self-signed certificate accepted). */
const answers = (url) =>
  url.startsWith('https:')
    ? new Promise((resolve) =>
        get(url, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        }).on('error', () => resolve(false)),
      )
    : fetch(url).then(
        (r) => r.ok,
        () => false,
      );

/**
 * Starts `astro preview` on `port` (run `npm run build` first) and resolves once it answers, with the
 * function that ends it (also called when the script exits). `production`: dist/ served instead as a
 * static host would (scripts/serve-dist.mjs --compress --http2): the production headers (`/_astro/` and
 * `/models/` immutable), gzip for the compressible types, and HTTP/2 over TLS (a self-signed
 * certificate that `launchChromium`, called after, trusts), at `siteBase(port, { production })`.
 * `astro preview` sends `no-cache`, so each file found in the HTTP cache still costs a revalidation,
 * compresses no wasm, and speaks HTTP/1.1 (six connections per host).
 */
export async function startPreview(port, { production = false } = {}) {
  const base = siteBase(port, { production });
  const tls = production ? selfSignedCertificate() : null;
  const args = production
    ? ['node', ['scripts/serve-dist.mjs', '--port', String(port), '--compress', '--http2', '--key', tls.key, '--cert', tls.cert]]
    : ['npm', ['run', 'preview', '--', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock']];
  const server = spawn(args[0], args[1], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {}
    if (tls) rmSync(tls.dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  for (let i = 0; ; i++) {
    if (await answers(base + '/')) return stop;
    if (i > 120) throw new Error('astro preview did not start (did you run `npm run build`?)');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** SPKI digests (base64 SHA-256) of the certificates this process's production hosts use: Chromium trusts them. */
const trusted = [];

/** A throwaway key and self-signed certificate for 127.0.0.1 (openssl), trusted by `launchChromium`. */
function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  execFileSync('openssl', ['req', '-x509', ...ec, '-nodes', '-days', '1', ...subject, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  trusted.push(createHash('sha256').update(spki).digest('base64'));
  return { dir, key, cert };
}

/** Chromium as the tests launch it; it trusts the certificate of a production host started before. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(trusted.length ? [`--ignore-certificate-errors-spki-list=${trusted.join(',')}`] : [])],
  });

/**
 * Records the page's long tasks (main-thread tasks over 50 ms, from a `longtask` PerformanceObserver)
 * from before it loads, as `window.__longTasks`: `{ start, duration }` in the page's milliseconds.
 */
export const watchLongTasks = (page) =>
  page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) =>
      l.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, duration: e.duration })),
    ).observe({
      type: 'longtask',
      buffered: true,
    });
  });

/**
 * The long tasks that started at or after `from` (the page's `performance.now()`): their durations, the
 * longest, how many; and the page's `performance.now()` as it read them.
 */
export const longTasks = (page, from = 0) =>
  page.evaluate((from) => {
    const durations = window.__longTasks.filter((t) => t.start >= from).map((t) => t.duration);
    return { durations, longest: Math.max(0, ...durations), over50: durations.length, now: performance.now() };
  }, from);
