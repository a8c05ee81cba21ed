// What the browser benchmarks share: the built site under `astro preview` (ended when the script
// exits), Debian's Chromium with the flags the e2e tests use, and the page's long tasks.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

/**
 * Starts `astro preview` on `port` (run `npm run build` first) and resolves once it answers, with the
 * function that ends it (also called when the script exits). `production`: dist/ served instead with
 * the production headers (`/_astro/` and `/models/` immutable) and gzip for the compressible types, as
 * a static host would (scripts/serve-dist.mjs --compress); `astro preview` sends `no-cache`, so each
 * file found in the HTTP cache still costs a revalidation, and compresses no wasm.
 */
export async function startPreview(port, { production = false } = {}) {
  const base = `http://127.0.0.1:${port}`;
  const args = production
    ? ['node', ['scripts/serve-dist.mjs', '--port', String(port), '--compress']]
    : ['npm', ['run', 'preview', '--', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock']];
  const server = spawn(args[0], args[1], {
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {}
  };
  process.on('exit', stop);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base + '/')).ok) return stop;
    } catch {}
    if (i > 120) throw new Error('astro preview did not start (did you run `npm run build`?)');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
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
