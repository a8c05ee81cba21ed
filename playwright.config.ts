import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

// Tests drive Debian's Chromium (all of tests/e2e) and Firefox ESR (the smoke suite) against the
// built site (`astro build` + `astro preview`).
// PORT lets parallel checkouts run their suites side by side.
const port = Number(process.env['PORT'] ?? 4321);
const reportsDir = process.env['CI_REPORTS_DIR'];

export default defineConfig({
  testDir: './tests/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // Tests assert facts, never durations, so 2 workers on 2 cores is safe (`bench:mainthread` measures time).
  workers: 2,
  retries: 0,
  // `.ci/run` counts results from the JSON reporter's file (CI_REPORTS_DIR), never from the list's text.
  reporter: reportsDir ? [['list'], ['json', { outputFile: join(reportsDir, `playwright-${process.pid}.json`) }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
  },
  projects: [
    {
      // Every test in tests/e2e, in Debian's Chromium.
      name: 'chromium',
      testDir: './tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    {
      // The smoke suite (tests/smoke: every page, the main flow of every demo) in Debian's
      // Firefox ESR, driven over WebDriver BiDi. patches/playwright-core+*.patch lets Playwright
      // tolerate the one BiDi command ESR 153 lacks (colour-scheme emulation: a no-op there, so dark
      // mode is tested in Chromium only). The WebKit smoke suite runs outside Playwright: tests/webkit.
      name: 'firefox',
      testDir: './tests/smoke/firefox',
      timeout: 180_000,
      use: {
        browserName: 'firefox',
        channel: 'moz-firefox',
        launchOptions: { executablePath: process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr' },
      },
    },
  ],
  webServer: [
    {
      // Through npm so Astro runs on the bundled Node 22, never the system Node 20.
      // --ignore-lock: Playwright owns this server's life. Astro's lock file (one per project, not per
      // port) can still name the previous run's server while it shuts down, and would refuse to start.
      command: `npm run preview -- --port ${port} --host 127.0.0.1 --ignore-lock`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env['CI'],
      timeout: 120_000,
    },
    {
      // dist/ as a static host serves it, with the production headers (CSP included): tests/e2e/csp.spec.ts.
      command: `node scripts/serve-dist.mjs --port ${port + 1}`,
      url: `http://127.0.0.1:${port + 1}/`,
      reuseExistingServer: !process.env['CI'],
      timeout: 30_000,
    },
  ],
});
