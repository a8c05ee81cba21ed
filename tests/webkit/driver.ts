// The smoke suite's driver on a WebKitGTK MiniBrowser session (tests/webkit/webdriver.ts).
import { KEYS, type Session, type ElementRef } from './webdriver';
import type { Key, SmokeDriver } from '../smoke/flows';

/**
 * Classic WebDriver has no console or page-error events, so after each navigation the page gets
 * listeners for uncaught errors, unhandled rejections, failed resource loads and console.error; the
 * driver also reports any request of the page that answered 400 or more (Resource Timing), which
 * covers what failed before the listeners were in place.
 */
function watchErrors(): void {
  const w = window as unknown as { __smokeErrors?: string[] };
  if (w.__smokeErrors) return;
  const errors: string[] = (w.__smokeErrors = []);
  addEventListener(
    'error',
    (e) => {
      const t = e.target as (Element & { src?: string; href?: string }) | Window | null;
      if (t && t !== window && 'tagName' in t) errors.push(`resource failed: <${t.tagName.toLowerCase()}> ${t.src ?? t.href ?? ''}`);
      else errors.push(`pageerror: ${(e as ErrorEvent).message}`);
    },
    true,
  );
  addEventListener('unhandledrejection', (e) =>
    errors.push(`pageerror: unhandled rejection: ${(e.reason as Error | undefined)?.message ?? String(e.reason)}`),
  );
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    errors.push(`console.error: ${args.map(String).join(' ')}`);
    original(...args);
  };
}

function pageErrors(): string[] {
  const failed = (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { responseStatus?: number })[])
    .filter((r) => (r.responseStatus ?? 0) >= 400)
    .map((r) => `HTTP ${r.responseStatus}: ${r.name}`);
  return [...failed, ...((window as unknown as { __smokeErrors?: string[] }).__smokeErrors ?? [])];
}

export function webkitDriver(session: Session, baseUrl: string): SmokeDriver {
  const earlier: string[] = [];
  let loaded = false;

  async function find(selector: string): Promise<ElementRef> {
    const el = await session.find(selector);
    if (!el) throw new Error(`no element matches ${selector}`);
    return el;
  }

  const driver: SmokeDriver = {
    engine: 'webkit',
    async goto(path) {
      if (loaded) earlier.push(...(await driver.run(pageErrors, null)));
      await session.navigate(new URL(path, baseUrl).href);
      loaded = true;
      await driver.run(watchErrors, null);
      // WebDriver does not report HTTP statuses, and WebKitGTK 2.50 has no Navigation Timing
      // `responseStatus`: the page asks for its own address again (a HEAD, past the cache).
      return driver.run(async () => {
        const nav = performance.getEntriesByType('navigation')[0] as
          (PerformanceNavigationTiming & { responseStatus?: number }) | undefined;
        return nav?.responseStatus ?? (await fetch(location.href, { method: 'HEAD', cache: 'no-store' })).status;
      }, null);
    },
    async run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
      const script = `const done = arguments[arguments.length - 1];
const arg = arguments[0];
Promise.resolve().then(() => (${fn.toString()})(arg)).then(
  (v) => done({ ok: true, v: v === undefined ? null : v }),
  (e) => done({ ok: false, e: String((e && e.stack) || e) }));`;
      const r = (await session.executeAsync(script, [arg])) as { ok: boolean; v?: R; e?: string };
      if (!r.ok) throw new Error(`in the page: ${r.e}`);
      return r.v as R;
    },
    async click(selector) {
      const el = await find(selector);
      // Centred first, as Playwright does: WebKitWebDriver scrolls an element it must bring into view
      // to the top edge, under Starlight's sticky header, which then takes the click.
      await session.execute('arguments[0].scrollIntoView({ block: "center", inline: "center" });', [el]);
      await session.click(el);
    },
    async upload(selector, path) {
      await session.sendKeys(await find(selector), path);
    },
    async select(selector, value) {
      await driver.click(`${selector} option[value="${value}"]`);
    },
    async press(selector, key: Key) {
      await session.sendKeys(await find(selector), KEYS[key]);
    },
    async errors() {
      return [...earlier, ...(loaded ? await driver.run(pageErrors, null) : [])];
    },
  };
  return driver;
}
