// The smoke suite's driver on a Playwright page (Firefox ESR over WebDriver BiDi).
import type { Page } from '@playwright/test';
import type { Key, SmokeDriver } from '../flows';

/**
 * Firefox's report of a MathML element laid out with the wrong number of children. Its layout can run
 * while the HTML parser is partway through a formula (a KaTeX `<msup>` with only its base so far, more
 * likely on a loaded machine: seen once in CI, on /resnet/), and it reports that as a page error
 * although the formula is complete a moment later. Such a report is dropped only when every element
 * of the page that it could be about has the right number of children; a formula that stays invalid
 * still fails the test.
 */
const MATHML_CHILDREN = /Incorrect number of children for <\w+\/> tag/;

/** Whether the page has a MathML element with the wrong number of children (MathML Core's counts). */
const invalidMathml = (page: Page) =>
  page.evaluate(() => {
    const arity: Record<string, number> = { msub: 2, msup: 2, msubsup: 3, mfrac: 2, mroot: 2, munder: 2, mover: 2, munderover: 3 };
    return [...document.querySelectorAll(Object.keys(arity).join(','))].some((el) => el.children.length !== arity[el.localName]);
  });

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
      if (!errors.some((e) => MATHML_CHILDREN.test(e)) || (await invalidMathml(page))) return [...errors];
      return errors.filter((e) => !MATHML_CHILDREN.test(e));
    },
  };
}
