// Shared by the camera specs, which need their own Chromium flags (a fake camera device), so each
// lives in its own file with a top-level test.use.
import type { Page } from '@playwright/test';
import { expect, visit } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const chromiumWith = (...extra: string[]) => ({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, ...extra],
});

export async function openDemo(page: Page) {
  await visit(page, '/metrics/');
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
}
