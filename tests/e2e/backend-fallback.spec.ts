// Threads that cannot start never leave the reader waiting: the classifier's worker starts its wasm
// thread pool itself (src/workers/pthread-pool.ts), and when a thread's script cannot load, the same
// worker goes on with wasm on one thread and says why. Real MobileNet, real worker, dist/ served with
// the production headers by a host that lacks the pthread script (scripts/serve-dist.mjs --refuse).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { test, expect } from './fixtures';
import { openClassifier } from './classifier-helpers';

/** dist/ on a free port, served by a host that lacks `refuse`; ended when the test ends. */
async function hostWithout(refuse: string): Promise<{ url: string; stop: () => void }> {
  const server: ChildProcess = spawn(process.execPath, ['scripts/serve-dist.mjs', '--port', '0', '--refuse', refuse], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  const url = /http:\/\/\S+\//.exec(line.toString())?.[0];
  if (!url) throw new Error(`serve-dist said: ${line.toString()}`);
  return { url, stop: () => server.kill() };
}

test('threads whose script cannot load: the photo is classified on one thread, and the page says why', async ({ page, errors }) => {
  const host = await hostWithout('tfjs-backend-wasm-threaded-simd.worker.js');
  try {
    const demo = await openClassifier(page, `${host.url}metrics/`);
    await demo.getByRole('button', { name: /Coffee cup/ }).click();
    await expect(demo.getByTestId('top1').locator('strong')).toHaveText('espresso', { timeout: 60_000 });
    await expect(demo.getByTestId('backend-note')).toContainText(/one thread \(threads failed to start: a wasm thread's script failed to load/);
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
