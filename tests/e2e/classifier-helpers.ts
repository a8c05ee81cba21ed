import type { Locator, Page } from '@playwright/test';
import { expect, visit } from './fixtures';

/** Opens a page with the classifier demo and waits until the island is hydrated and ready. */
export async function openClassifier(page: Page, path = '/metrics/'): Promise<Locator> {
  await visit(page, path);
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
  return demo;
}
