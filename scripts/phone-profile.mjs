// The phone #19 measures against, set through the DevTools protocol: a mid-range Android phone on 4G
// (CPU 4× slower, 9 Mbit/s down, 3 Mbit/s up, 150 ms round trip, 390 × 844 px). Shared by
// `npm run bench:cold` and the e2e test that watches the progress under it.

/** Playwright context options of the phone. */
export const PHONE_CONTEXT = {
  viewport: { width: 390, height: 844 },
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/**
 * Slows `page` to the phone's CPU and network (Chromium only).
 * @param {import('@playwright/test').BrowserContext} context
 * @param {import('@playwright/test').Page} page
 */
export async function throttleLikeAPhone(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 9_000_000 / 8,
    uploadThroughput: 3_000_000 / 8,
  });
}
