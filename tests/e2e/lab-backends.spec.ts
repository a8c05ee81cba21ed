import { test, expect, visit } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

// Training works on a GPU backend too, not only on wasm: the lab's smallest nets take a few steps on
// WebGL and on WebGPU (both software in this headless Chromium: SwiftShader), with finite losses and
// the backend named. Correctness, not speed (speed is in `npm run bench:train`). WebGPU trains because
// a step reads nothing synchronously (tests/unit/no-sync-reads.test.ts); with the old `dataSync` per
// step it took no step at all here.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
  },
});
test.describe.configure({ timeout: 240_000 });

for (const backend of ['webgl', 'webgpu'] as const) {
  test(`the lab trains both nets on ${backend}`, async ({ page, errors }) => {
    await visit(page, `/resnet/?lab.depth=8&lab.width=2&lab.batch=8&lab.backend=${backend}`);
    const lab = page.locator('.lab');
    await lab.scrollIntoViewIfNeeded();
    await expect(page.locator('astro-island:has(.lab)')).not.toHaveAttribute('ssr', /.*/);
    await lab.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(lab.getByTestId('lab-backend')).toContainText(`Backend: ${backend}`, { timeout: 120_000 });
    // Both adapters are software here: the lab says what that means for speed.
    await expect(lab.getByTestId('lab-backend')).toContainText(/on a software (adapter|renderer)/);
    await expect.poll(async () => Number(await lab.getAttribute('data-steps')), { timeout: 200_000 }).toBeGreaterThanOrEqual(3);
    await expect(lab.locator('[data-testid="lab-net"][data-diverged]')).toHaveCount(0);
    for (const net of ['plain', 'residual']) {
      await expect(lab.locator(`svg[data-chart="loss"] path[data-role="live"][data-net="${net}"]`)).toHaveAttribute(
        'data-points',
        /^[1-9]\d*$/,
      );
    }
    await lab.getByRole('button', { name: 'Reset' }).click();
    expect(errors).toEqual([]);
  });
}
