// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { rehypePagefindIgnoreMathml } from './src/plugins/rehype-pagefind-ignore-mathml.mjs';
import { tfjsWasmThreads } from './src/plugins/tfjs-wasm-threads.mjs';
import { cspHeaders } from './src/plugins/csp-headers.mjs';
import { enginePrefetch } from './src/plugins/engine-prefetch.mjs';
import { modulePreload } from './src/plugins/module-preload.mjs';
import { dropStartupReloads } from './src/plugins/dev-startup-reloads.mjs';
import { galleryThumbnails } from './src/plugins/gallery-thumbnails.mjs';

// Threads in the tfjs wasm backend need cross-origin isolation; static hosts must send the same
// two headers (see README, "Deploying").
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'https://vgg-vs-resnet.example.org',
  markdown: {
    // Astro 7's default processor ignores remark/rehype plugins; MDX inherits this one.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeKatex, rehypePagefindIgnoreMathml],
    }),
  },
  server: { headers: isolationHeaders },
  vite: {
    // Vite's dependency cache (default node_modules/.vite). tests/e2e/dev-server.spec.ts points a cold
    // `astro dev` at a fresh folder so it never empties the cache of a server already running.
    ...(process.env['VGG_VITE_CACHE_DIR'] ? { cacheDir: process.env['VGG_VITE_CACHE_DIR'] } : {}),
    preview: { headers: isolationHeaders },
    // `astro dev` pre-bundles the dependencies its scan finds when it starts. Astro scans the islands
    // (.astro/.svelte…), but the scan does not follow `new Worker(new URL(…))`, so the workers' tfjs
    // packages were found on the first demo visit instead: Vite optimised them then and reloaded the
    // page ("optimized dependencies changed. reloading"), losing a photo picked meanwhile. Scanning the
    // worker sources too finds them at start (tests/e2e/dev-server.spec.ts checks it).
    optimizeDeps: { entries: ['src/workers/**/*.ts'] },
    // The demos' tfjs runs in module Workers; the plugin lets the wasm backend start threads there.
    // dropStartupReloads: the first page opened after `astro dev` starts must not reload by itself.
    plugins: [tfjsWasmThreads(), dropStartupReloads()],
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  },
  integrations: [
    starlight({
      title: 'VGG vs ResNet',
      description:
        'An interactive explainer of ImageNet, top-1 and top-5 error, VGG and ResNet: computed, cited and runnable in your browser.',
      favicon: '/favicon.svg',
      logo: { src: './src/assets/logo.svg', alt: 'VGG vs ResNet' },
      markdown: { processedDirs: ['./content'] },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar: [{ label: 'Explainer', items: [{ autogenerate: { directory: 'content' } }] }],
      components: { Search: './src/components/overrides/Search.astro' },
      lastUpdated: false,
      pagination: true,
    }),
    svelte(),
    // Before cspHeaders: it writes an inline script that the policy must list.
    enginePrefetch(),
    modulePreload(),
    cspHeaders(),
    galleryThumbnails(),
  ],
});
