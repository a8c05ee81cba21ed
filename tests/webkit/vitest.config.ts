import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

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
    reporters: ['verbose'],
  },
});
