// Starts what the WebKit smoke suite needs and stops it afterwards, whatever happens: the built site
// with the production headers (scripts/serve-dist.mjs) and WebKitWebDriver under
// `xvfb-run -a`. Ports: PORT + 2 for the site, PORT + 3 for the driver (PORT: playwright.config.ts).
import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startDriver } from './webdriver';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    webdriverUrl: string;
  }
}

async function waitForHttp(url: string, what: string, timeout: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${what} exited before it answered on ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer on ${url} within ${timeout / 1000} s`);
}

export default async function setup(project: TestProject): Promise<() => void> {
  const port = Number(process.env['PORT'] ?? 4321);
  const siteUrl = `http://127.0.0.1:${port + 2}/`;
  // dist/ as a static host serves it (scripts/serve-dist.mjs): the production headers on every answer,
  // its 304s too. Not `astro preview`: Vite's static server answers 304 before it sets the configured
  // headers, and WebKit then refuses the revalidated module worker under COEP. Without the CSP: this
  // WebDriver client evaluates its scripts in the page (the CSP is tested in Chromium, csp.spec.ts).
  const preview = spawn(process.execPath, ['scripts/serve-dist.mjs', '--port', String(port + 2), '--no-csp'], {
    detached: true,
    stdio: 'ignore',
  });
  const stopPreview = () => {
    try {
      if (preview.pid !== undefined) process.kill(-preview.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stopPreview);
  try {
    await waitForHttp(siteUrl, 'serve-dist', 120_000, () => preview.exitCode === null);
    const driver = await startDriver(port + 3);
    project.provide('siteUrl', siteUrl);
    project.provide('webdriverUrl', driver.url);
    return () => {
      driver.stop();
      stopPreview();
    };
  } catch (e) {
    stopPreview();
    throw e;
  }
}
