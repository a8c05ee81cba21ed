// The smoke suite (tests/smoke/flows.ts) in WebKitGTK's MiniBrowser through WebDriver: every page, then
// the main flow of every demo. WebKitGTK has no SharedArrayBuffer, so wasm runs single-threaded here.
// Each flow gets a new browser session (a new MiniBrowser, empty cache), as each Playwright test gets
// a new browser context.
import { afterEach, beforeEach, inject, it } from 'vitest';
import { DEMO_FLOWS, pageFlow, sitePaths } from '../smoke/flows';
import { webkitDriver } from './driver';
import { Session } from './webdriver';

let session: Session | null = null;

beforeEach(async () => {
  session = await Session.create(inject('webdriverUrl'));
});

afterEach(async () => {
  await session?.delete().catch(() => {});
  session = null;
});

for (const flow of [...sitePaths().map(pageFlow), ...DEMO_FLOWS]) {
  it(flow.name, { timeout: flow.timeout }, async () => {
    await flow.run(webkitDriver(session!, inject('siteUrl')));
  });
}
