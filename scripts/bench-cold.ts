#!/usr/bin/env -S npx tsx
// `npm run bench:cold` (after `npm run models && npm run build`): prints figures, asserts nothing.
// The cold path in the built site (astro preview, Debian's Chromium), per model and per profile:
// - desktop: this machine as it is;
// - phone: set through the DevTools protocol: CPU 4× slower (Emulation.setCPUThrottlingRate, which
//   slows the page's renderer; the worker's threads are not slowed by it), 9 Mbit/s down, 150 ms round
//   trip (Network.emulateNetworkConditions), 390 × 844 px, a phone's user agent and touch.
// For each: a cold start (a fresh context, empty HTTP cache) and a revisit (a new page in the same
// context), page load → click the coffee photo → answer, with the timeline from the click: worker
// start, tfjs import, wasm fetch and compile, backend start, model.json, each weight file's download and
// SHA-256 check, model build, warm-up, first prediction, first draw. The marks come from
// `performance.mark`/`measure` in the page and the worker (src/lib/perf/), read back through the
// engine's `timeline` method. BENCH_MODELS=id,…  BENCH_PROFILES=desktop,phone  BENCH_FILES=1 lists every
// weight file (otherwise their downloads and checks are summarised); BENCH_CLICK=engine (default: click once
// the early-started engine is ready, as a reader who looks first), hydrated (click as soon as the island
// runs) or early (click the photo as soon as the page has loaded, the click scrolling to it, before the
// island runs: the click is kept, and the page starts the model's download at once; the stages are then
// timed from the moment the island takes the click, and click → answer from when the click reached the
// page).
// BENCH_HOST=production serves dist/ as a static host would (production headers, gzip, HTTP/2) instead of
// `astro preview`.
import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startPreview, launchChromium, siteBase } from './bench-site.mjs';
import { coldTimeline, largestCosts, type Stage } from '../src/lib/perf/cold-timeline';
import type { PerfTimeline } from '../src/lib/perf/marks';
import { QUICK_MODEL_ID } from '../src/lib/inference/models';
import { PHONE_CONTEXT, throttleLikeAPhone } from './phone-profile.mjs';

const PORT = Number(process.env['BENCH_PORT'] ?? 4397);
const PRODUCTION = process.env['BENCH_HOST'] === 'production';
const BASE = siteBase(PORT, { production: PRODUCTION });
const MODELS = (process.env['BENCH_MODELS'] ?? 'mobilenet_v1_0.75_uint8,mobilenet_v1_0.75,resnet50_uint8').split(',');
const PROFILES = (process.env['BENCH_PROFILES'] ?? 'desktop,phone').split(',');
const FILES = process.env['BENCH_FILES'] === '1';
const CLICK = process.env['BENCH_CLICK'] ?? 'engine';
const lock = JSON.parse(readFileSync(new URL('../models.lock.json', import.meta.url), 'utf8')) as {
  models: Record<string, { files: Record<string, { bytes: number }> }>;
};
const bytesOf = (id: string) => Object.values(lock.models[id]?.files ?? {}).reduce((s, f) => s + f.bytes, 0);

interface Run {
  /** From the navigation's start (the page's time origin): what the figures call page load. */
  loadToAnswer: number;
  /** From the page's load event. */
  loadEventToAnswer: number;
  clickToAnswer: number;
  /** BENCH_CLICK=early: when the click reached the page, in ms after the island took it (negative). */
  clickedBefore?: number;
  stages: Stage[];
  weightBytes: number;
}

/** One visit: page load → pick the model → click the coffee photo → the answer drawn. */
async function visit(context: BrowserContext, profile: string, id: string): Promise<Run> {
  const page = await context.newPage();
  // When the click reaches the page: Playwright's own checks before it (scrolling, waiting for the
  // photo to stand still) take a few hundred milliseconds on the throttled page, and are not the site's.
  await page.addInitScript(() =>
    document.addEventListener('click', () => ((globalThis as unknown as { __clickedAt: number }).__clickedAt ??= performance.now()), {
      capture: true,
    }),
  );
  if (profile === 'phone') await throttleLikeAPhone(context, page);
  await page.goto(`${BASE}/metrics/`);
  if (CLICK !== 'early') {
    await page.locator('.classifier').scrollIntoViewIfNeeded();
    await page.waitForSelector('.classifier[data-ready="true"]');
  }
  // A reader who looks at the demo before clicking: the engine's early start (on a good connection)
  // has finished. BENCH_CLICK=hydrated clicks as soon as the island is ready instead.
  if (CLICK === 'engine') await page.getByText('Getting the engine ready').waitFor({ state: 'hidden', timeout: 600_000 });
  // A reader who keeps the page's model (the quick one, on /metrics/) does not touch the menu. Each
  // step Playwright takes before the click is a round trip to this throttled page that a reader does
  // not make, so an early click is the first: the click scrolls to the photo itself.
  if (id !== QUICK_MODEL_ID) await page.getByLabel('Model', { exact: true }).selectOption(id);
  await page.getByRole('button', { name: /Coffee cup/ }).click();
  await page.getByTestId('top1').waitFor({ timeout: 600_000 });
  await page.waitForFunction(() => performance.getEntriesByName('classifier:drawn').length > 0);
  const pageTimeline = (await page.evaluate(() => ({
    timeOrigin: performance.timeOrigin,
    entries: ['mark', 'measure'].flatMap((t) =>
      performance.getEntriesByType(t).map(({ name, entryType, startTime, duration }) => ({ name, entryType, startTime, duration })),
    ),
  }))) as PerfTimeline;
  const workerTimeline = (await page.evaluate(() =>
    (globalThis as unknown as { __classifierEngine: { call(m: string, a: object): Promise<unknown> } }).__classifierEngine.call(
      'timeline',
      {},
    ),
  )) as PerfTimeline;
  const stages = coldTimeline(pageTimeline, workerTimeline);
  // Weight bytes over the network during this visit (this page's worker), headers included.
  const weightBytes = workerTimeline.entries
    .filter((e) => e.entryType === 'resource' && /\/models\/.*(shard|\.bin)/.test(e.name))
    .reduce((s, e) => s + (e.transferSize ?? 0), 0);
  const click = pageTimeline.entries.filter((e) => e.name === 'classifier:pick').at(-1)!.startTime;
  const answer = stages.find((s) => s.stage === 'answer on the page')!.start;
  const clickedAt = await page.evaluate(() => (globalThis as unknown as { __clickedAt: number }).__clickedAt);
  const loadEvent = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
  );
  await page.close();
  return {
    loadToAnswer: click + answer,
    loadEventToAnswer: click + answer - loadEvent,
    clickToAnswer: CLICK === 'early' ? click + answer - clickedAt : answer,
    ...(CLICK === 'early' && { clickedBefore: clickedAt - click }),
    stages,
    weightBytes,
  };
}

const ms = (x: number) => `${Math.round(x)}`.padStart(6);
function print(title: string, run: Run) {
  console.log(
    `\n${title}: page load → answer ${(run.loadToAnswer / 1000).toFixed(2)} s (load event → answer ${(run.loadEventToAnswer / 1000).toFixed(2)} s), click → answer ${(run.clickToAnswer / 1000).toFixed(2)} s, weight bytes over the network ${run.weightBytes.toLocaleString('en')}`,
  );
  console.log(`   start     end    took  stage (ms after the ${CLICK === 'early' ? 'island took the click' : 'click'})`);
  if (run.clickedBefore !== undefined)
    console.log(`${ms(run.clickedBefore)}  ${ms(run.clickedBefore)}       0  the click reaches the page`);
  const weights = run.stages.filter((s) => s.stage.startsWith('download ') || s.stage.startsWith('SHA-256 '));
  for (const s of run.stages) {
    if (!FILES && weights.includes(s)) continue;
    console.log(`${ms(s.start)}  ${ms(s.end)}  ${ms(s.end - s.start)}  ${s.stage}`);
  }
  if (!FILES) {
    for (const kind of ['download ', 'SHA-256 ']) {
      const xs = weights.filter((s) => s.stage.startsWith(kind));
      if (!xs.length) continue;
      const start = Math.min(...xs.map((s) => s.start));
      const end = Math.max(...xs.map((s) => s.end));
      const sum = xs.reduce((a, s) => a + s.end - s.start, 0);
      const longest = xs.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      console.log(
        `${ms(start)}  ${ms(end)}  ${ms(end - start)}  ${kind === 'download ' ? 'weight downloads' : `SHA-256 checks (${Math.round(sum)} ms in all)`}: ${xs.length} files, longest ${longest.stage.slice(kind.length)} ${Math.round(longest.end - longest.start)} ms (BENCH_FILES=1 lists each)`,
      );
    }
  }
  console.log(
    `   largest: ${largestCosts(run.stages)
      .map((c) => `${c.stage} ${Math.round(c.ms)} ms`)
      .join(', ')}`,
  );
}

const stop = await startPreview(PORT, { production: PRODUCTION });
const browser = await launchChromium();
const summary: string[] = [];
try {
  for (const profile of PROFILES) {
    for (const id of MODELS) {
      const context = await browser.newContext(profile === 'phone' ? PHONE_CONTEXT : {});
      const cold = await visit(context, profile, id);
      print(`${profile}, ${id} (${(bytesOf(id) / 1e6).toFixed(1)} MB), cold`, cold);
      const again = await visit(context, profile, id);
      print(`${profile}, ${id}, revisit`, again);
      await context.close();
      summary.push(
        `| ${profile} | ${id} | ${(cold.loadToAnswer / 1000).toFixed(2)} s | ${(cold.clickToAnswer / 1000).toFixed(2)} s | ${(again.loadToAnswer / 1000).toFixed(2)} s | ${(again.weightBytes / 1e6).toFixed(1)} MB |`,
      );
    }
  }
} finally {
  await browser.close();
  stop();
}
console.log(
  '\n| profile | model | cold: page load → answer | cold: click → answer | revisit: page load → answer | revisit: weights downloaded |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of summary) console.log(row);
