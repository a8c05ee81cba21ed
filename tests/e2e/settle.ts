// Waiting for what a test is really waiting for, never for a fixed time (a test must hold on any
// machine, loaded or quiet): animation frames the page has drawn, the messages between the page and
// its workers, and network requests the test holds until it lets them go.
import type { Page, Route } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Resolves after the page has run `n` animation frames from now: whatever the page had scheduled
 * for its next frame (a placement, a redraw after a ResizeObserver) has run by then.
 */
export async function animationFrames(page: Page, n = 2): Promise<void> {
  await page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) await new Promise<void>((r) => requestAnimationFrame(() => r()));
  }, n);
}

/**
 * Waits until every island of the page that is on screen (Astro hydrates `client:visible` ones as they
 * come into view) has hydrated, then two animation frames more: each has mounted, measured its width
 * and drawn.
 */
export async function islandsOnScreenDrawn(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('astro-island[ssr]')].filter((island) =>
            // An island is `display: contents`: what is on screen is its children.
            [...island.children].some((c) => {
              const r = c.getBoundingClientRect();
              return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && (r.width > 0 || r.height > 0);
            }),
          ).length,
      ),
    )
    .toBe(0);
  await animationFrames(page);
}

/** One message between the page and a worker, as the traffic log keeps it (a summary, not the data). */
export interface Message {
  /** The call id (worker runtime, src/lib/worker-rpc), when the message has one. */
  id?: number;
  /** The message's type (for a call and its answer, its method; for an event, the event's type). */
  type?: string;
  /** Engine replies and decode replies: the id of what they answer is `id`; `final` is false for progress. */
  final?: boolean;
  state?: string;
  iteration?: number;
}

interface Traffic {
  name: string;
  worker: Worker;
  sent: Message[];
  received: Message[];
}

type TrafficWindow = { __workerTraffic: Traffic[] };

/**
 * Call before the page loads: keeps a log of every message the page sends to its workers and gets back
 * from them (the watchdog's heartbeats left out), by worker name. The workers are the page's own; only
 * the constructor is wrapped, to listen first.
 */
export async function recordWorkerTraffic(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const traffic: Traffic[] = [];
    (window as unknown as TrafficWindow).__workerTraffic = traffic;
    /** The method of each worker-runtime call, by worker and id, to name its answer. */
    const methods = new WeakMap<object, Map<number, string>>();
    const summary = (data: unknown, outgoing: boolean, worker: object): Message | null => {
      if (typeof data !== 'object' || data === null) return {};
      const d = data as {
        id?: unknown;
        type?: unknown;
        req?: { type?: unknown };
        ok?: unknown;
        state?: unknown;
        iteration?: unknown;
        rpc?: unknown;
        method?: unknown;
        event?: unknown;
      };
      if (d.type === 'worker-alive') return null;
      if (typeof d.rpc === 'string') {
        // The worker runtime (src/lib/worker-rpc/wire.ts): calls by id and method; events, progress and
        // the final answer by the call's id (named by the call's method). A cancel is answered through the
        // call it cancels.
        const calls = methods.get(worker) ?? new Map<number, string>();
        methods.set(worker, calls);
        const id = typeof d.id === 'number' ? d.id : undefined;
        if (d.rpc === 'cancel') return null;
        if (d.rpc === 'call' && id !== undefined && typeof d.method === 'string') {
          calls.set(id, d.method);
          return { id, type: d.method };
        }
        const ev =
          (d.rpc === 'event' || d.rpc === 'broadcast') && typeof d.event === 'object' && d.event !== null
            ? (d.event as { type?: unknown; state?: unknown; iteration?: unknown })
            : null;
        const m: Message = {};
        if (id !== undefined) {
          m.id = id;
          m.final = d.rpc === 'ok' || d.rpc === 'error';
        }
        const type = ev ? ev.type : id !== undefined && m.final ? calls.get(id) : undefined;
        if (typeof type === 'string') m.type = type;
        if (typeof ev?.state === 'string') m.state = ev.state;
        if (typeof ev?.iteration === 'number') m.iteration = ev.iteration;
        return m;
      }
      const m: Message = {};
      if (typeof d.id === 'number') m.id = d.id;
      const type = outgoing && d.req ? d.req.type : d.type;
      if (typeof type === 'string') m.type = type;
      if (!outgoing && m.id !== undefined) m.final = d.type === 'ok' || d.type === 'error' || typeof d.ok === 'boolean';
      if (typeof d.state === 'string') m.state = d.state;
      if (typeof d.iteration === 'number') m.iteration = d.iteration;
      return m;
    };
    const Original = window.Worker;
    class RecordedWorker extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const t: Traffic = { name: options?.name ?? '', worker: this, sent: [], received: [] };
        traffic.push(t);
        this.addEventListener('message', (e) => {
          const m = summary(e.data, false, this);
          if (m) t.received.push(m);
        });
        const post = this.postMessage.bind(this) as (message: unknown, transfer?: unknown) => void;
        this.postMessage = (message: unknown, transfer?: unknown) => {
          const m = summary(message, true, this);
          if (m) t.sent.push(m);
          post(message, transfer);
        };
      }
    }
    window.Worker = RecordedWorker;
  });
}

/** The names of the workers the page has started so far, in order (from the log, so none is missed). */
export async function workersStarted(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as TrafficWindow).__workerTraffic.map((t) => t.name));
}

/**
 * Waits until every request with an id that the page sent to its workers called `names` has had its
 * final answer (not only progress): nothing asked of them can still come back.
 */
export async function workersAnswered(page: Page, names: readonly string[]): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate((ns) => {
        const open: string[] = [];
        for (const t of (window as unknown as TrafficWindow).__workerTraffic) {
          if (!ns.includes(t.name)) continue;
          const answered = new Set(t.received.filter((m) => m.final).map((m) => m.id));
          for (const m of t.sent) if (m.id !== undefined && !answered.has(m.id)) open.push(`${t.name} #${m.id} ${m.type ?? ''}`);
        }
        return open;
      }, names),
    )
    .toEqual([]);
}

/**
 * Sends the latest `lab` worker one more `memory` call and resolves when it is answered, with every
 * message the worker sent so far. The worker takes calls between training steps: anything it would
 * do before taking this one (a step) comes before the answer.
 */
export async function labRoundTrip(page: Page): Promise<Message[]> {
  return page.evaluate(async () => {
    const t = (window as unknown as TrafficWindow).__workerTraffic.filter((x) => x.name === 'lab').at(-1);
    if (!t) throw new Error('no lab worker');
    // Answers only: a memory event the session streams on its own (after a reset) is not one.
    const count = (list: Message[]) => list.filter((m) => m.type === 'memory' && m.final !== false).length;
    // Every memory request is answered once, in order: ours is answered when the answers catch up.
    const want = count(t.sent) + 1;
    const answered = new Promise<void>((resolve) => {
      const check = () => {
        if (count(t.received) < want) return;
        t.worker.removeEventListener('message', check);
        resolve();
      };
      t.worker.addEventListener('message', check);
    });
    // A worker-runtime call with an id of the test's own, which the page's client ignores.
    t.worker.postMessage({ rpc: 'call', id: -want, method: 'memory', args: null });
    await answered;
    return [...t.received];
  });
}

/**
 * Holds the requests matching `url` until `release()`, except the first `passFirst` (so a download can
 * show progress while the rest waits); after the release every one passes at once. `held` resolves when
 * one is being held (the download has begun and is waiting on the test).
 */
export async function holdRequests(page: Page, url: string | RegExp, passFirst = 0): Promise<{ held: Promise<void>; release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let onHeld!: () => void;
  const held = new Promise<void>((r) => (onHeld = r));
  let open = false;
  void released.then(() => (open = true));
  let seen = 0;
  await page.route(url, async (route: Route) => {
    if (!open && ++seen > passFirst) {
      onHeld();
      await released;
    }
    // The page may have given up on the request meanwhile (a cancelled download, an ended worker).
    await route.continue().catch(() => {});
  });
  return { held, release };
}

/**
 * Records, in the page itself, each text `selector` shows (whitespace collapsed), however briefly, in
 * order and without immediate repeats: a status line's every stage, which polling would miss. Call it
 * before the page loads; `texts()` reads what was seen.
 */
export async function recordTexts(page: Page, selector: string): Promise<{ texts: () => Promise<string[]> }> {
  const key = `__recordedTexts:${selector}`;
  await page.addInitScript(
    ([sel, k]) => {
      const seen: string[] = [];
      (window as unknown as Record<string, string[]>)[k] = seen;
      new MutationObserver(() => {
        const text = document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    },
    [selector, key] as const,
  );
  return { texts: () => page.evaluate((k) => (window as unknown as Record<string, string[]>)[k] ?? [], key) };
}
