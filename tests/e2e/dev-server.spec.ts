// `astro dev` from a cold dependency cache, as on a fresh clone: the reader's first photo is classified
// on the page they picked it on. Vite used to find the workers' tfjs packages only when a worker first
// imported them, pre-bundle them then and reload the page ("optimized dependencies changed.
// reloading"), so a photo picked on the first visit was lost. Also checks that the dev server serves
// the threaded wasm backend (src/plugins/tfjs-wasm-threads.mjs patches the pre-bundled copy).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import path from 'node:path';
import { test, expect } from './fixtures';

// Its own port, clear of the preview servers playwright.config.ts starts on PORT and PORT + 1.
const port = Number(process.env['PORT'] ?? 4321) + 5;
const origin = `http://127.0.0.1:${port}`;

test.describe.configure({ timeout: 120_000 });

interface DevServer {
  /** Resolves once the server listens on `origin`; rejects if it exits first or takes another port. */
  ready: Promise<void>;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `astro dev` with an empty Vite cache of its own (VGG_VITE_CACHE_DIR, read in
 * astro.config.mjs) so every dependency is optimised from scratch, without touching the
 * node_modules/.vite of a dev server someone may be running. Through npx, so Astro runs on the
 * project's Node 22. `--ignore-lock`: Astro 7 allows one tracked dev server per project; this one stays
 * out of the lock file, so it neither refuses to start beside the developer's server nor stops it
 * (which `--force` would), and is never moved to the background.
 */
function startDevServer(): DevServer {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'vgg-vite-cache-'));
  const child: ChildProcess = spawn('npx', ['astro', 'dev', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], {
    env: { ...process.env, VGG_VITE_CACHE_DIR: cacheDir, NO_COLOR: '1' },
    // Its own process group, so stopping it also stops the node process npx starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      const local = /Local\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
      if (local === origin) resolve();
      // Vite moves to the next free port when this one is taken: that server is not the one to test.
      else if (local) reject(new Error(`astro dev listens on ${local}, not ${origin} (port taken?)`));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`astro dev exited before it was ready:\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      await exited;
    }
    rmSync(cacheDir, { recursive: true, force: true });
  };
  return { ready, log: () => output, stop };
}

let server: DevServer | undefined;
test.afterAll(async () => {
  await server?.stop();
});

test('a cold astro dev classifies the first photo picked on /metrics/ without reloading the page, with wasm threads', async ({
  page,
  errors,
}) => {
  const dev = (server = startDevServer());
  await dev.ready;

  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));
  await page.goto(`${origin}/metrics/`);
  // A reload would start a fresh window without this marker.
  await page.evaluate(() => ((window as unknown as { __firstVisit: boolean }).__firstVisit = true));

  const demo = page.locator('.classifier');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // At once, the way a reader would: this starts the classifier worker, whose tfjs imports Vite used
  // to discover only now.
  await page.getByRole('button', { name: /Coffee cup/ }).click();

  // Fail at the reload itself, with the server's log, rather than wait for an answer that never comes.
  const reloaded = page.waitForEvent('load', { timeout: 0 }).then(() => {
    throw new Error(`the page reloaded after the photo was picked; astro dev said:\n${dev.log()}`);
  });
  const top1 = page.getByTestId('top1').locator('strong');
  await Promise.race([expect(top1).toHaveText('espresso', { timeout: 60_000 }), reloaded]);

  expect(loads, 'page loads').toEqual([`${origin}/metrics/`]);
  // Also a reload between the first load and the marker (one Vite kept from the server's start).
  expect(
    await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type),
    'how this document was loaded',
  ).toBe('navigate');
  expect(await page.evaluate(() => (window as unknown as { __firstVisit?: boolean }).__firstVisit), 'the window of the first visit').toBe(
    true,
  );
  // Vite optimised nothing after it started, so it had no reason to reload.
  expect(dev.log()).not.toMatch(/new dependencies|dependencies optimized:|reloading/i);

  // The pre-bundled wasm backend is the patched one: its pthreads come from the served scripts.
  const note = page.getByTestId('backend-note');
  await expect(note).toContainText('WASM');
  await expect(note).not.toContainText('serves no threaded backend');
  expect(errors).toEqual([]);
});
