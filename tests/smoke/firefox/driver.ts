// The smoke suite's driver on a Playwright page (Firefox ESR over WebDriver BiDi).
import type { Page } from '@playwright/test';
import type { Key, SmokeDriver } from '../flows';

/** Records console errors and uncaught page errors from now on, and drives the page. */
export function playwrightDriver(page: Page): SmokeDriver {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return {
    engine: 'firefox',
    async goto(path) {
      return (await page.goto(path))?.status() ?? 0;
    },
    // Our arguments are plain JSON, so Playwright's handle unboxing never changes their type.
    run: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg),
    async click(selector) {
      await page.locator(selector).first().click();
    },
    async upload(selector, path) {
      await page.locator(selector).first().setInputFiles(path);
    },
    async select(selector, value) {
      await page.locator(selector).first().selectOption(value);
    },
    async press(selector, key: Key) {
      await page.locator(selector).first().press(key);
    },
    async errors() {
      return [...errors];
    },
  };
}
