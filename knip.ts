// knip (`npm run lint`): files nothing imports, exports nothing imports, dependencies nothing uses.
// Its Astro, Svelte, Vitest and Playwright plugins find those tools' own entry points (the config
// files, tests/e2e, tests/smoke); the rest are listed here. `!` marks what ships to readers, so
// `npx knip --production` tells code only tests and scripts still use.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // Started with `new Worker(new URL(…))`, which knip does not follow.
    'src/workers/*.worker.ts!',
    // The pages: Starlight builds them from content/, and they import the components.
    'content/**/*.mdx!',
    // The worker runtime's, the architectures' and the probes' public APIs: their index files are the
    // documented surface a demo (or another project copying one) imports, not just today's callers.
    'src/lib/worker-rpc/index.ts!',
    'src/lib/arch/index.ts!',
    'src/lib/probe/index.ts!',
    'scripts/*.{mjs,ts}',
    'tests/**/*.{test,spec}.ts',
  ],
  project: ['src/**/*.{ts,mjs,svelte,astro}!', 'content/**/*.mdx!', 'scripts/**/*.{mjs,ts}', 'tests/**/*.ts', '*.{js,mjs,ts}'],
  // A type exported beside the function that uses it (a return or parameter type) documents the API
  // and costs nothing at run time; an unused value export is still reported.
  ignoreExportsUsedInFile: { interface: true, type: true },
  ignoreDependencies: [
    // Read as a file (its source is injected into the page under test); it comes with @axe-core/playwright.
    'axe-core',
    // vitest.config.ts compiles runes with it; it comes with @astrojs/svelte (list it when dependencies change).
    '@sveltejs/vite-plugin-svelte',
    // Only a JSDoc type in src/plugins/tfjs-wasm-threads.mjs (Vite's optimizer plugin type); it comes with Astro's Vite.
    'rolldown',
  ],
  // A system tool, not a package: scripts/bench-site.mjs makes the benchmark host's certificate with it.
  ignoreBinaries: ['openssl'],
};

export default config;
