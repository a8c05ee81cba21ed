import type { Locator, Page } from '@playwright/test';
import { test, expect, visit, axeViolations } from './fixtures';
import { MainThreadWatch } from './main-thread';
import { labRoundTrip, recordWorkerTraffic } from './settle';

// The training lab on the ResNet page, with the real worker (wasm), the real Fashion-MNIST files and
// the smallest nets (depth 8, width 4, batch 8): steps run and both nets are drawn, pause holds the
// count, resume goes on, reset clears it, the worker's tensor count stays flat, tfjs runs only in the
// lab's worker (the main thread's blocking is measured by `npm run bench:mainthread`, not tested),
// settings come back from the URL, refused and diverging settings are told apart from errors.
// One at a time: two labs training at once on a 2-core machine only slow each other down.
test.describe.configure({ timeout: 90_000, mode: 'default' });

const SMALL = '?lab.depth=8&lab.width=4&lab.batch=8';

async function openLab(page: Page, query: string): Promise<Locator> {
  await visit(page, `/resnet/${query}`);
  const lab = page.locator('.lab');
  await lab.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has(.lab)')).not.toHaveAttribute('ssr', /.*/);
  return lab;
}

const steps = async (lab: Locator): Promise<number> => Number(await lab.getAttribute('data-steps'));
// The lab's own workers: the page's other demos may start theirs as they near the viewport (the
// classifier engine's early start, on /resnet/).
const labWorkers = (page: Page) => page.workers().filter((w) => w.url().includes('lab.worker'));

const live = (lab: Locator, chart: string, net: string): Locator =>
  lab.locator(`svg[data-chart="${chart}"] path[data-role="live"][data-net="${net}"]`);

test('trains both nets, pauses, resumes and resets, with flat tensors and tfjs only in the worker', async ({ page, errors }) => {
  const watch = await MainThreadWatch.start(page);
  await recordWorkerTraffic(page);
  const lab = await openLab(page, SMALL);
  // No lab worker (so no training tfjs) before Start.
  expect(labWorkers(page)).toHaveLength(0);
  await expect(lab.getByTestId('lab-status')).toHaveText('Ready: press Start to train Plain-8 and ResNet-8 side by side.');
  await lab.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(lab).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect.poll(() => steps(lab), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);

  // Both nets' loss curves have a point per step; the reference runs are drawn behind in every chart.
  for (const net of ['plain', 'residual']) {
    expect(Number(await live(lab, 'loss', net).getAttribute('data-points'))).toBeGreaterThanOrEqual(10);
    await expect(live(lab, 'train', net)).toHaveAttribute('data-points', /^[1-9]\d*$/);
  }
  await expect(lab.locator('path[data-role="reference"]')).toHaveCount(6);
  await expect(lab.locator('svg[data-chart="loss"] .lab-markers path')).not.toHaveCount(0);
  await expect(lab.getByTestId('lab-params')).toHaveCount(2);
  await expect(lab.getByTestId('lab-params').first()).toHaveText(/^\d[\d,]*$/);
  await expect(lab.getByTestId('lab-macs').first()).toHaveText(/^\d[\d,]*$/);
  await expect(lab.getByTestId('lab-ips').first()).toHaveText(/^\d[\d,]*$/);
  await expect(lab.getByTestId('lab-expect')).toContainText(
    /400 iterations of both nets ≈ .+ on this device at the measured [\d,]+ images\/s/,
  );
  await expect(lab.getByTestId('lab-backend')).toContainText('Backend: wasm');

  // The worker's tensor count between two later steps: the same (nothing leaks per step).
  await expect.poll(async () => Number(await lab.getAttribute('data-tensors-at')), { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
  const first = { at: Number(await lab.getAttribute('data-tensors-at')), n: Number(await lab.getAttribute('data-tensors')) };
  await expect
    .poll(async () => Number(await lab.getAttribute('data-tensors-at')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(first.at + 8);
  const second = { at: Number(await lab.getAttribute('data-tensors-at')), n: Number(await lab.getAttribute('data-tensors')) };
  console.log(`lab: worker tensors ${first.n} at step ${first.at}, ${second.n} at step ${second.at}`);
  expect(first.n).toBeGreaterThan(0);
  expect(second.n).toBe(first.n);

  // Pause holds the count, resume goes on.
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab).toHaveAttribute('data-state', 'paused');
  await expect(lab.getByTestId('lab-status')).toHaveText(/^Paused at iteration \d+\. Press Resume to go on\./);
  const held = await steps(lab);
  // The worker said it paused; now it answers one more request, sent after that. It takes requests
  // only between steps, so a step still to come would have come before this answer: none did.
  const log = await labRoundTrip(page);
  const paused = log.findLastIndex((m) => m.type === 'state' && m.state === 'paused');
  expect(paused).toBeGreaterThanOrEqual(0);
  expect(log.slice(paused).filter((m) => m.type === 'step')).toEqual([]);
  expect(log.filter((m) => m.type === 'step').at(-1)?.iteration).toBe(held);
  expect(await steps(lab)).toBe(held);
  await lab.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => steps(lab), { timeout: 30_000 }).toBeGreaterThan(held);

  // It trained in its worker: tfjs never came to the page itself.
  await watch.expectTfjsOnlyInWorkers();

  // Reset ends the worker and clears the run.
  await lab.getByRole('button', { name: 'Reset' }).click();
  await expect(lab).toHaveAttribute('data-steps', '0');
  await expect(lab).toHaveAttribute('data-state', 'idle');
  await expect(live(lab, 'loss', 'plain')).toHaveAttribute('data-points', '0');
  await expect.poll(() => labWorkers(page).length).toBe(0);
  expect(await axeViolations(page, '#fig-lab')).toEqual([]);
  expect(errors).toEqual([]);
});

test('settings come back from the URL, a bad value gets a note, and the form writes the URL', async ({ page, errors }) => {
  const lab = await openLab(page, '?lab.depth=56&lab.width=16&lab.bn=off&lab.lr=0.1&lab.batch=3&lab.iters=50&lab.backend=webgl');
  await expect(lab.getByLabel('Depth (layers)')).toHaveValue('56');
  await expect(lab.getByLabel('Width (first-stage filters)')).toHaveValue('16');
  await expect(lab.getByLabel('Batch norm')).not.toBeChecked();
  await expect(lab.getByLabel('Learning rate')).toHaveValue('0.1');
  await expect(lab.getByLabel('Batch size')).toHaveValue('64');
  await expect(lab.getByLabel('Iterations')).toHaveValue('50');
  await expect(lab.getByLabel('Backend')).toHaveValue('webgl');
  await expect(lab.getByRole('status').filter({ hasText: 'lab.batch=3 was ignored' })).toHaveText(
    /batch size must be a whole number from 4 to 256\); the default is used\./,
  );
  await expect(lab.getByTestId('lab-reference')).toContainText('Plain-56 and ResNet-56, trained with other settings');
  await expect(lab.getByTestId('lab-expect')).toContainText('Without batch norm');
  await lab.getByLabel('Depth (layers)').selectOption('20');
  await lab.getByLabel('Batch norm').check();
  await expect.poll(() => new URL(page.url()).search).toBe('?lab.width=16&lab.lr=0.1&lab.iters=50&lab.backend=webgl');
  expect(labWorkers(page)).toHaveLength(0);
  expect(await axeViolations(page, '#fig-lab')).toEqual([]);
  expect(errors).toEqual([]);
});

test('settings too big are refused with the estimate, before any worker starts', async ({ page, errors }) => {
  const lab = await openLab(page, '?lab.depth=56&lab.width=32&lab.batch=256');
  await lab.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(lab.getByRole('alert')).toHaveText(
    /Choose a smaller batch, width or depth\. \(Estimate for both nets: about [\d,]+ MiB of memory and [\d.]+ s per iteration\.\)/,
  );
  await expect(lab.getByTestId('lab-status')).toHaveText(/refused/);
  await expect(lab).toHaveAttribute('data-steps', '0');
  expect(labWorkers(page)).toHaveLength(0);
  expect(errors).toEqual([]);
});

test('a diverging run (batch norm off, learning rate 2) is shown as diverged, not as an error', async ({ page, errors }) => {
  const lab = await openLab(page, '?lab.depth=8&lab.width=4&lab.batch=16&lab.bn=off&lab.lr=2&lab.iters=30&lab.run=1');
  // lab.run=1 starts the run without a click.
  await expect(lab.getByTestId('lab-diverged').first()).toHaveText(/diverged at iteration \d+ \(loss (NaN|∞)\)/, { timeout: 60_000 });
  await expect(lab.getByTestId('lab-status')).toContainText(/diverged at iteration \d+ \(loss (NaN|∞)\)/);
  await expect(lab.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
