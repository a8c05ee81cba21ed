// Shared by the camera specs, which need their own Chromium flags (a fake camera device), so each
// lives in its own file with a top-level test.use.
import type { Page } from '@playwright/test';
import { expect, visit } from './fixtures';

export const chromiumWith = (...extra: string[]) => ({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...extra,
  ],
});

export async function openDemo(page: Page) {
  await visit(page, '/metrics/');
  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true');
}
