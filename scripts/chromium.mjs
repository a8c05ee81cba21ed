// Debian's Chromium as every test and benchmark launches it (Playwright never downloads a browser
// here): no sandbox (containers), no GPU (the demos' fast path is wasm; WebGPU tests add their flag),
// and none of the background traffic that would show up in request counts.
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
