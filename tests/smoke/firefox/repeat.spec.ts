// Six fresh visits in a row to the classifier, each in a new browser context, each with an uploaded
// photo: every one must answer (a deadlock that only some page loads hit shows up here).
import { test } from '@playwright/test';
import { classifyUpload, openClassifier, CATS } from '../flows';
import { playwrightDriver } from './driver';
import assert from 'node:assert/strict';

test('six fresh visits to /metrics/ each classify an uploaded photo', async ({ browser }) => {
  test.setTimeout(6 * 150_000);
  for (let visit = 1; visit <= 6; visit++) {
    const context = await browser.newContext();
    try {
      const d = playwrightDriver(await context.newPage());
      await openClassifier(d);
      const top1 = await classifyUpload(d, 'chelsea.jpg').catch((e: Error) => assert.fail(`visit ${visit} of 6: ${e.message}`));
      assert.match(top1, CATS);
      assert.deepEqual(await d.errors(), [], `visit ${visit} of 6: console errors or uncaught page errors`);
    } finally {
      await context.close();
    }
  }
});
