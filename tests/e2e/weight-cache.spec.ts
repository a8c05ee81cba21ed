// Nothing downloads twice: the classifier's worker keeps every verified model file in Cache Storage by
// its digest (src/lib/inference/weight-cache.ts), so a second visit asks the server for no weight file,
// also from a host that lets the HTTP cache keep nothing (scripts/serve-dist.mjs --no-validators). The
// reader sees how much the saved models take and can clear them; a weight file the host fails to send
// once is tried again, and the progress says which file and which try.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openClassifier } from './classifier-helpers';
import { recordTexts } from './settle';

/** dist/ on a free port as scripts/serve-dist.mjs serves it with `flags`. */
async function host(...flags: string[]): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, ['scripts/serve-dist.mjs', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(server.stdout, 'data')) as [Buffer];
  const url = /http:\/\/\S+\//.exec(line.toString())?.[0];
  if (!url) throw new Error(`serve-dist said: ${line.toString()}`);
  return { url, stop: () => server.kill() };
}

/** Every request for a file under /models/ in the context, the workers' included. */
function countModelRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/models/')) seen.push(r.url());
  });
  return seen;
}

async function classifyCoffee(page: Page, path: string, model?: string) {
  const demo = await openClassifier(page, path);
  if (model) await demo.getByLabel('Model', { exact: true }).selectOption(model);
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
  return demo;
}

for (const server of ['astro preview', 'a host that sends no validators'] as const) {
  test(`a second visit downloads no weight file (${server})`, async ({ context, page, errors }) => {
    const site = server === 'astro preview' ? null : await host('--no-validators');
    try {
      const path = `${site?.url ?? '/'}metrics/`;
      const requests = countModelRequests(context);
      const first = await classifyCoffee(page, path);
      expect(requests.length).toBeGreaterThan(1); // model.json and its weight files
      await expect(first.getByTestId('saved-models')).toContainText(/Saved models: [1-9][\d.]* MB/);

      requests.length = 0;
      const again = await context.newPage();
      // Every status line the second visit shows, however briefly.
      const statusLine = await recordTexts(again, '.classifier .status > p');
      const second = await classifyCoffee(again, path);
      expect(requests).toEqual([]);
      const status = await statusLine.texts();
      expect(status).toContainEqual(expect.stringMatching(/from the copy saved on this device/));
      // The weights came from this device, and the status said so before classifying.
      expect(status.at(status.findIndex((t) => t.startsWith('Classifying')) - 1)).toMatch(/from the copy saved on this device/);
      await expect(second.getByTestId('saved-models')).toContainText(/Saved models: [1-9][\d.]* MB/);
      expect(errors).toEqual([]);
    } finally {
      site?.stop();
    }
  });
}

test('the clear control frees the space, and the next answer downloads again', async ({ context, page, errors }) => {
  const requests = countModelRequests(context);
  const demo = await classifyCoffee(page, '/metrics/');
  const saved = demo.getByTestId('saved-models');
  await expect(saved).not.toHaveAttribute('data-bytes', '0');
  await saved.getByRole('button', { name: 'Clear saved models' }).click();
  await expect(saved).toHaveAttribute('data-bytes', '0');
  await expect(saved).toContainText('Saved models: 0.0 MB');

  requests.length = 0;
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
  expect(requests.length).toBeGreaterThan(1);
  await expect(saved).not.toHaveAttribute('data-bytes', '0');
  expect(errors).toEqual([]);
});

test('a weight file the host fails once is tried again, and the progress says so', async ({ page, errors }) => {
  const site = await host('--flaky', 'group3-shard1of1');
  try {
    // Every note the status line shows while the model downloads, however briefly.
    const loadNote = await recordTexts(page, '[data-testid="load-note"]');
    // The float32 MobileNet, whatever the page's default: its weight files are group<n>-shard1of1.
    await classifyCoffee(page, `${site.url}metrics/`, 'mobilenet_v1_0.75');
    const notes = await loadNote.texts();
    expect(notes).toContainEqual(expect.stringMatching(/^retrying weight file \d+ of \d+, try 2 of 3$/));
    await expect(page.getByTestId('load-note')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    site.stop();
  }
});

test('the production headers cache /models/ and the hashed assets as immutable, and pages not', async ({ request }) => {
  const base = `http://127.0.0.1:${Number(process.env['PORT'] ?? 4321) + 1}`;
  const page = await request.get(`${base}/metrics/`);
  expect(page.headers()['cache-control']).toBe('no-cache');
  const asset = /\/_astro\/[^"'\s]+\.js/.exec(await page.text())?.[0];
  expect(asset).toBeTruthy();
  for (const path of [asset!, '/models/mobilenet_v1_0.75/model.json']) {
    expect((await request.get(base + path)).headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
  }
  // A file the host lacks is never cached.
  expect((await request.get(`${base}/models/no-such-model/model.json`)).headers()['cache-control']).toBeUndefined();
});
