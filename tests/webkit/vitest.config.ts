import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// `.ci/run` counts results from the JSON reporter's file (CI_REPORTS_DIR): see vitest.config.ts.
const reportsDir = process.env['CI_REPORTS_DIR'];

// The WebKit smoke suite: `npm run test:webkit`. One MiniBrowser session, one test at a time.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/webkit/**/*.test.ts'],
    globalSetup: ['tests/webkit/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: reportsDir ? ['verbose', 'json'] : ['verbose'],
    ...(reportsDir && { outputFile: { json: join(reportsDir, `vitest-webkit-${process.pid}.json`) } }),
  },
});
