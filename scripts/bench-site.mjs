// What the browser benchmarks share: the built site under `astro preview` (ended when the script
// exits) and Debian's Chromium with the flags the e2e tests use.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

/**
 * Starts `astro preview` on `port` (run `npm run build` first) and resolves once it answers, with the
 * function that ends it (also called when the script exits).
 */
export async function startPreview(port) {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npm', ['run', 'preview', '--', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid);
    } catch {}
  };
  process.on('exit', stop);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base + '/')).ok) return stop;
    } catch {}
    if (i > 120) throw new Error('astro preview did not start (did you run `npm run build`?)');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
