// The smoke suite (tests/smoke/flows.ts) in WebKitGTK's MiniBrowser through WebDriver: every page, then
// the main flow of every demo. WebKitGTK has no SharedArrayBuffer, so wasm runs single-threaded here.
// Each flow gets a new browser session (a new MiniBrowser, empty cache), as each Playwright test gets
// a new browser context.
import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, inject, it } from 'vitest';
import { CLASSIFIER, DEMO_FLOWS, classifierAnswer, classifyUpload, openClassifier, pageFlow, sitePaths } from '../smoke/flows';
import { webkitDriver } from './driver';
import { Session, startDriver } from './webdriver';

let session: Session | null = null;
let driverUrl = inject('webdriverUrl');
/** A driver of this file's own, started only if the shared one stops answering. */
let spare: { url: string; stop: () => void } | null = null;
let sparePort = Number(new URL(driverUrl).port) + 10;

// Starting a session launches a MiniBrowser. Once, under a load average of about 10, WebKitWebDriver
// never answered that request; a driver that does not answer within a minute is replaced by a fresh
// one (its own xvfb, another port) rather than failing the flow that happened to come next.
beforeEach(async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      session = await Session.create(driverUrl, undefined, undefined, AbortSignal.timeout(60_000));
      return;
    } catch (e) {
      if (attempt >= 3 || (e as Error).name !== 'TimeoutError') throw e;
      spare?.stop();
      spare = await startDriver(sparePort++);
      driverUrl = spare.url;
    }
  }
}, 240_000);

afterAll(() => spare?.stop());

afterEach(async () => {
  await session?.delete().catch(() => {});
  session = null;
});

for (const flow of [...sitePaths().map(pageFlow), ...DEMO_FLOWS]) {
  it(flow.name, { timeout: flow.timeout }, async () => {
    await flow.run(webkitDriver(session!, inject('siteUrl')));
  });
}

// Two visits in one browser: the second loads the page's scripts and the classifier's worker from the
// HTTP cache after a revalidation (304). A 304 without COOP/COEP makes WebKit refuse the cached module
// worker under COEP ("The demo's worker stopped"), which `astro preview` triggered; the suite's host
// (scripts/serve-dist.mjs) revalidates every file and sends its headers on 304s too, as a static host does.
it('classifier: a second visit in the same browser (its cache revalidated) still classifies', { timeout: 300_000 }, async () => {
  const d = webkitDriver(session!, inject('siteUrl'));
  await openClassifier(d);
  await d.click(CLASSIFIER.gallery('coffee.jpg'));
  await classifierAnswer(d, /^espresso$/);
  await openClassifier(d);
  await classifyUpload(d, 'chelsea.jpg');
  assert.deepEqual(await d.errors(), []);
});
