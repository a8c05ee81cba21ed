// Threads that cannot start never leave the reader waiting: the classifier's worker starts its wasm
// thread pool itself (src/workers/pthread-pool.ts), and when a thread's script cannot load, the same
// worker goes on with wasm on one thread and says why; while it waits, the reader can cancel. Real
// MobileNet, real worker, dist/ served with the production headers by a host that lacks the pthread
// script or never sends it (scripts/serve-dist.mjs --refuse, --stall).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { test, expect } from './fixtures';
import { openClassifier } from './classifier-helpers';

/** dist/ on a free port, from a host that lacks one file (`refuse`) or never answers for it (`stall`). */
async function faultyHost(fault: '--refuse' | '--stall', file: string): Promise<{ url: string; stop: () => void }> {
  const server: ChildProcess = spawn(process.execPath, ['scripts/serve-dist.mjs', '--port', '0', fault, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  const url = /http:\/\/\S+\//.exec(line.toString())?.[0];
  if (!url) throw new Error(`serve-dist said: ${line.toString()}`);
  return { url, stop: () => server.kill() };
}

test('threads whose script cannot load: the photo is classified on one thread, and the page says why', async ({ page, errors }) => {
  const host = await faultyHost('--refuse', 'tfjs-backend-wasm-threaded-simd.worker.js');
  try {
    const demo = await openClassifier(page, `${host.url}metrics/`);
    await demo.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
    await expect(demo.getByTestId('backend-note')).toContainText(
      /one thread \(threads failed to start: a wasm thread's script failed to load/,
    );
    expect(errors).toEqual([]);
  } finally {
    host.stop();
  }
});

test('with threads, the pool the worker started itself runs the photo on more than one thread', async ({ page, errors }) => {
  const demo = await openClassifier(page);
  await demo.getByRole('button', { name: /Coffee cup/ }).click();
  await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
  await expect(demo.getByTestId('backend-note')).toContainText(/SIMD on, [2-8] threads/);
  expect(errors).toEqual([]);
});

test('threads whose script never arrives: the wait names itself and can be cancelled, then Try again answers on one thread', async ({
  page,
  errors,
}) => {
  const host = await faultyHost('--stall', 'tfjs-backend-wasm-threaded-simd.worker.js');
  try {
    const demo = await openClassifier(page, `${host.url}metrics/`);
    await demo.getByRole('button', { name: /Coffee cup/ }).click();
    // Each pool worker gets a few seconds to start: the status says what the demo waits for, with a way out.
    await expect(demo.getByText(/Starting TensorFlow\.js in a worker/)).toBeVisible();
    await demo.getByRole('button', { name: 'Cancel', exact: true }).click();
    const alert = demo.getByRole('alert');
    await expect(alert).toContainText("The demo's worker stopped (you cancelled it)");
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
    await expect(demo.getByTestId('backend-note')).toContainText(
      /one thread \(threads failed to start: a wasm thread did not start within 5 s\)/,
    );
    expect(errors).toEqual([]);
  } finally {
    host.stop();
  }
});
