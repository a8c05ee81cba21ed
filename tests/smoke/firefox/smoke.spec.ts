// The smoke suite (tests/smoke/flows.ts) in Firefox ESR: every page, then the main flow of every demo.
import { test } from '@playwright/test';
import { DEMO_FLOWS, pageFlow, sitePaths } from '../flows';
import { playwrightDriver } from './driver';

for (const flow of [...sitePaths().map(pageFlow), ...DEMO_FLOWS]) {
  test(flow.name, async ({ page }) => {
    test.setTimeout(flow.timeout);
    await flow.run(playwrightDriver(page));
  });
}
