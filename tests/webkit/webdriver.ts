// A small W3C WebDriver client (classic HTTP protocol, plain fetch) for WebKitGTK's WebKitWebDriver,
// which drives MiniBrowser. Playwright cannot drive a stock WebKit, so the WebKit smoke suite
// (tests/webkit/smoke.test.ts) uses this. Only what the suite needs: start and stop the driver, one
// session, navigate, find, click, send keys (a file path sent to an <input type=file> uploads it),
// execute script (sync and async), window size.
import { spawn, type ChildProcess } from 'node:child_process';

/** The W3C key under which a WebDriver element reference travels. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export type ElementRef = { [ELEMENT]: string };

const MINIBROWSER = process.env['MINIBROWSER_PATH'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Keys as WebDriver encodes them (the "normalised key value" code points of the spec). */
export const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Space: '\uE00D',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
} as const;

class WebDriverError extends Error {}

/** Starts `WebKitWebDriver --port=N` under `xvfb-run -a` in a process group of its own. */
export async function startDriver(port: number): Promise<{ url: string; stop: () => void; log: () => string }> {
  const child: ChildProcess = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  let stopped = false;
  const stop = () => {
    if (stopped || child.pid === undefined) return;
    stopped = true;
    // The whole group: xvfb-run, Xvfb, WebKitWebDriver, MiniBrowser and its web processes.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new WebDriverError(`WebKitWebDriver exited (${child.exitCode}): ${log}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok && ((await res.json()) as { value: { ready: boolean } }).value.ready) return { url, stop, log: () => log };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new WebDriverError(`WebKitWebDriver did not answer on ${url} within 30 s: ${log}`);
}

export class Session {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** A new MiniBrowser session (`--automation`), its window set to width × height. */
  static async create(driverUrl: string, width = 1280, height = 720, signal?: AbortSignal): Promise<Session> {
    const value = (await call(
      driverUrl,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } } },
      signal,
    )) as { sessionId: string };
    const session = new Session(driverUrl, value.sessionId);
    await call(driverUrl, 'POST', `/session/${session.id}/window/rect`, { width, height }, signal);
    await call(driverUrl, 'POST', `/session/${session.id}/timeouts`, { script: 300_000, pageLoad: 120_000, implicit: 0 }, signal);
    return session;
  }

  private cmd(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Navigates and waits for the load event (the "normal" page-load strategy). */
  async navigate(url: string): Promise<void> {
    await this.cmd('POST', '/url', { url });
  }

  async url(): Promise<string> {
    return (await this.cmd('GET', '/url')) as string;
  }

  /** The first element matching a CSS selector, or null. */
  async find(css: string): Promise<ElementRef | null> {
    try {
      return (await this.cmd('POST', '/element', { using: 'css selector', value: css })) as ElementRef;
    } catch (e) {
      if (e instanceof WebDriverError && e.message.startsWith('no such element')) return null;
      throw e;
    }
  }

  async findAll(css: string): Promise<ElementRef[]> {
    return (await this.cmd('POST', '/elements', { using: 'css selector', value: css })) as ElementRef[];
  }

  /** WebDriver's element click: scrolls the element into view and clicks its centre, as a user would. */
  async click(el: ElementRef): Promise<void> {
    await this.cmd('POST', `/element/${el[ELEMENT]}/click`, {});
  }

  /** Types text into the element (focusing it first); for an <input type=file>, text is a file path. */
  async sendKeys(el: ElementRef, text: string): Promise<void> {
    await this.cmd('POST', `/element/${el[ELEMENT]}/value`, { text });
  }

  async text(el: ElementRef): Promise<string> {
    return (await this.cmd('GET', `/element/${el[ELEMENT]}/text`)) as string;
  }

  async attribute(el: ElementRef, name: string): Promise<string | null> {
    return (await this.cmd('GET', `/element/${el[ELEMENT]}/attribute/${encodeURIComponent(name)}`)) as string | null;
  }

  /** Runs a function body in the page; `arguments` are the args (element references become elements). */
  async execute(script: string, args: unknown[] = []): Promise<unknown> {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Like execute, with a callback as the last argument that the script calls with its result. */
  async executeAsync(script: string, args: unknown[] = []): Promise<unknown> {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async delete(): Promise<void> {
    await this.cmd('DELETE', '');
  }
}

async function call(base: string, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(signal ? { signal } : {}),
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { value: unknown };
  const value = json.value as { error?: string; message?: string } | null;
  if (!res.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(`${value?.error ?? res.status}: ${value?.message ?? ''} (${method} ${path})`);
  }
  return json.value;
}
