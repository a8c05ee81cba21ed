// The set-up of the early-start tables (cold-start.spec.ts for the classifier, early-clicks.spec.ts for
// the probe): a page told its connection (navigator.connection) before it loads, whose requests for
// `/models/` are counted and whose workers are recorded, visited and scrolled to a demo until it is ready.
import type { Locator, Page } from '@playwright/test';
import { expect, visit } from './fixtures';
import { recordWorkerTraffic, workersStarted } from './settle';

/** What the page is told of its connection (the fields src/lib/start-early.ts reads). */
export interface ConnectionHints {
  effectiveType: string;
  saveData: boolean;
}

/** Tells the page its connection (navigator.connection) before it loads. */
export const reportConnection = (page: Page, hints: ConnectionHints) =>
  page.addInitScript((h) => Object.defineProperty(navigator, 'connection', { value: h, configurable: true }), hints);

/**
 * Visits `path` on a connection reported as `hints`, scrolls the demo `selector` into view and waits
 * until it is ready; `models` is every request for `/models/` the page has made so far (it grows).
 */
export async function visitOnConnection(
  page: Page,
  hints: ConnectionHints,
  path: string,
  selector: string,
): Promise<{ demo: Locator; models: readonly string[] }> {
  const models: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/models/')) models.push(r.url());
  });
  await reportConnection(page, hints);
  await recordWorkerTraffic(page);
  await visit(page, path);
  const demo = page.locator(selector);
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  return { demo, models };
}

/** The classifier's engine worker has started ahead of the click (waited for), or has not started. */
export async function expectEngineStarted(page: Page, starts: boolean): Promise<void> {
  if (starts) await expect.poll(() => workersStarted(page)).toContain('classifier');
  else expect(await workersStarted(page)).not.toContain('classifier');
}
