// The cross-browser smoke suite, written once: every page of the site and the main flow of every demo,
// with the selectors and expected answers of the Chromium specs in tests/e2e. Two engines run it:
// Firefox through Playwright (tests/smoke/firefox/smoke.spec.ts) and WebKit through a small W3C
// WebDriver client (tests/webkit/smoke.test.ts). Each gives a `SmokeDriver`; the flows only use that,
// plus functions run in the page (self-contained: their source is sent, like Playwright's evaluate).
// No flow asserts a duration or sleeps: every wait polls a condition, with a generous timeout for real
// model downloads and wasm on a loaded 2-core machine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, cifarResnetSpec, getModel, summarize } from '../../src/lib/arch';
import { FASHION_INPUT } from '../../src/lib/train/tiny-specs';
import { DEFAULT_LAB_SETTINGS } from '../../src/lib/train/lab-methods';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { costAxis, metric, type CostAxisId } from '../../src/lib/zoo/axes';
import { splitPlottable } from '../../src/lib/zoo/missing';
import type { TinyLesion } from '../../src/lib/data/tiny-lesion';

export type Key = 'Tab' | 'Enter' | 'Escape' | 'End' | 'Home' | 'ArrowLeft' | 'ArrowRight';

/** What a flow needs from a browser; tests/smoke/firefox and tests/webkit each implement it. */
export interface SmokeDriver {
  readonly engine: 'firefox' | 'webkit';
  /** Loads a path of the site (the load event included) and returns the document's HTTP status. */
  goto(path: string): Promise<number>;
  /** Runs a self-contained function in the page with one JSON argument; returns its JSON result. */
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A real click on the first element matching the CSS selector (scrolled into view first). */
  click(selector: string): Promise<void>;
  /** Chooses a file (an absolute path) in an <input type=file>. */
  upload(selector: string, path: string): Promise<void>;
  /** Chooses the option with this value in a <select>, as a reader would. */
  select(selector: string, value: string): Promise<void>;
  /** Presses a key with the element focused. */
  press(selector: string, key: Key): Promise<void>;
  /** Console errors and uncaught errors or rejections in the page so far (since the test began). */
  errors(): Promise<string[]>;
}

export interface Flow {
  name: string;
  /** Generous: real model downloads and wasm on a loaded 2-core machine. */
  timeout: number;
  run(d: SmokeDriver): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// Pages and helpers

/** Every page of the built site, from the sitemap Astro writes (as tests/e2e/fixtures.ts does). */
export function sitePaths(): string[] {
  const xml = readFileSync(new URL('../../dist/sitemap-0.xml', import.meta.url), 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  if (paths.length === 0) throw new Error('No pages in dist/sitemap-0.xml: run `npm run build` first');
  return paths;
}

/** The same WCAG 2.2 AA tags as tests/e2e/fixtures.ts `axeViolations`. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** A gallery photo as a file on disk, for the upload flows. */
const photoPath = (file: string): string => fileURLToPath(new URL(`../../public/gallery/${file}`, import.meta.url));

export const CATS = /^(tabby|tiger cat|Egyptian cat)$/;

async function visit(d: SmokeDriver, path: string): Promise<void> {
  assert.equal(await d.goto(path), 200, `HTTP status of ${path}`);
}

/**
 * Polls `fn` in the page until `ok` accepts its result; returns that result. On timeout, fails with
 * what it waited for and the last value seen.
 */
async function waitFor<A, R>(d: SmokeDriver, what: string, fn: (arg: A) => R, arg: A, ok: (r: R) => boolean, timeout = 15_000): Promise<R> {
  const deadline = Date.now() + timeout;
  let last: R | undefined;
  for (;;) {
    last = await d.run(fn, arg);
    if (ok(last)) return last;
    if (Date.now() > deadline) assert.fail(`Timed out after ${timeout / 1000} s waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const textOf = (sel: string): string | null => document.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const attrOf = ([sel, name]: [string, string]): string | null => document.querySelector(sel)?.getAttribute(name) ?? null;
const countOf = (sel: string): number => document.querySelectorAll(sel).length;

const waitText = (d: SmokeDriver, sel: string, re: RegExp, timeout?: number) =>
  waitFor(d, `${sel} to read ${re}`, textOf, sel, (t) => t !== null && re.test(t), timeout);
const waitAttr = (d: SmokeDriver, sel: string, name: string, re: RegExp, timeout?: number) =>
  waitFor(d, `${sel}[${name}] to match ${re}`, attrOf, [sel, name] as [string, string], (v) => v !== null && re.test(v), timeout);
const waitCount = (d: SmokeDriver, sel: string, n: number, timeout?: number) =>
  waitFor(d, `${n} × ${sel}`, countOf, sel, (c) => c === n, timeout);
const exactly = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Scrolls an island's element into view and waits until Astro has hydrated it (`client:visible`
 * islands drop their `ssr` attribute then): before that, a click or key is lost.
 */
async function hydrated(d: SmokeDriver, sel: string, timeout = 30_000): Promise<void> {
  await waitFor(
    d,
    `the island of ${sel} to hydrate`,
    (s) => {
      const el = document.querySelector(s);
      if (!el) return 'missing';
      el.scrollIntoView({ block: 'center' });
      const island = el.closest('astro-island');
      return island && !island.hasAttribute('ssr') ? 'hydrated' : 'waiting';
    },
    sel,
    (s) => s === 'hydrated',
    timeout,
  );
}

/**
 * Marks the n-th element matching `sel` (optionally only those whose text matches) with a unique
 * attribute and returns a selector for it: buttons named by their text, the n-th of a list.
 */
async function pick(d: SmokeDriver, sel: string, opts: { text?: string; nth?: number } = {}): Promise<string> {
  const mark = `s${Math.random().toString(36).slice(2, 10)}`;
  const found = await d.run(
    ([s, text, nth, m]) => {
      const all = [...document.querySelectorAll(s)].filter((e) => text === null || e.textContent?.trim() === text);
      const el = all[nth];
      if (!el) return false;
      el.setAttribute('data-smoke', m);
      return true;
    },
    [sel, opts.text ?? null, opts.nth ?? 0, mark] as [string, string | null, number, string],
  );
  assert.ok(found, `no element ${sel}${opts.text ? ` reading “${opts.text}”` : ''} #${opts.nth ?? 0}`);
  return `[data-smoke="${mark}"]`;
}

/**
 * axe-core's WCAG 2.2 AA violations, one line each ("rule: targets"), injected and run in the page
 * (the same in both engines). `include` limits the check to one part of the page.
 *
 * Firefox ESR 153 crashes its content process (SIGSEGV, and the whole browser with it) when the same
 * element's `ariaLabelledByElements` is read from two JS realms: Playwright's utility world reads it
 * to compute accessible names (locators, and the ARIA snapshot an `expect` takes when an element is
 * missing), and axe-core reads it from the page for its idref checks. Minimal case: a
 * `<section aria-labelledby="h"><h2 id="h">…</h2></section>`, `locator('body').ariaSnapshot()`, then
 * `section.ariaLabelledByElements` in the page. So in Firefox, while axe runs, the page realm does
 * not see the reflected element-list properties, and axe reads the `aria-*` id attributes instead,
 * exactly as it does in a browser without those properties.
 */
async function axeViolations(d: SmokeDriver, include?: string): Promise<string[]> {
  await d.run((src) => {
    if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(src);
  }, AXE_SOURCE);
  return d.run(
    async ([inc, tags, hide]) => {
      const props = [
        'ariaActiveDescendantElement',
        'ariaControlsElements',
        'ariaDescribedByElements',
        'ariaDetailsElements',
        'ariaErrorMessageElements',
        'ariaFlowToElements',
        'ariaLabelledByElements',
        'ariaOwnsElements',
        'ariaActionsElements',
      ];
      const saved = hide
        ? props.map((p) => [p, Object.getOwnPropertyDescriptor(Element.prototype, p)] as const).filter(([, desc]) => desc)
        : [];
      for (const [p] of saved) Object.defineProperty(Element.prototype, p, { configurable: true, get: () => undefined });
      try {
        const axe = (
          window as unknown as {
            axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
          }
        ).axe;
        const r = await axe.run(inc ? { include: [inc] } : document, { runOnly: { type: 'tag', values: tags } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      } finally {
        for (const [p, desc] of saved) Object.defineProperty(Element.prototype, p, desc!);
      }
    },
    [include ?? null, AXE_TAGS, d.engine === 'firefox'] as [string | null, string[], boolean],
  );
}

async function noErrors(d: SmokeDriver): Promise<void> {
  assert.deepEqual(await d.errors(), [], 'console errors or uncaught page errors');
}

// ---------------------------------------------------------------------------------------------------
// The flows

/** Every page: 200, one non-empty h1, axe-core clean, no errors. */
export function pageFlow(path: string): Flow {
  return {
    name: `${path} answers 200 with one h1, no axe-core violations (WCAG 2.2 AA) and no errors`,
    timeout: 90_000,
    async run(d) {
      await visit(d, path);
      const h1 = await d.run(() => [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''), null);
      assert.equal(h1.length, 1, `h1 elements on ${path}`);
      assert.notEqual(h1[0], '', `the h1 of ${path} is empty`);
      assert.deepEqual(await axeViolations(d), []);
      await noErrors(d);
    },
  };
}

/** The classifier on the metrics page (tests/e2e/classifier.spec.ts), MobileNet on wasm. */
export const CLASSIFIER = {
  path: '/metrics/',
  root: '.classifier',
  gallery: (file: string) => `.classifier .gallery button:has(img[src$="/${file}"])`,
  fileInput: '.classifier [data-testid="file-input"]',
  top1: '.classifier [data-testid="top1"] strong',
  alert: '.classifier [role="alert"]',
  status: '.classifier .status',
  verdict: '.classifier [data-testid="verdict"]',
  /** A real model download (first visit) and wasm, maybe single-threaded, on a loaded machine. */
  answerTimeout: 90_000,
};

export async function openClassifier(d: SmokeDriver): Promise<void> {
  await visit(d, CLASSIFIER.path);
  await hydrated(d, CLASSIFIER.root);
  await waitAttr(d, CLASSIFIER.root, 'data-ready', /^true$/);
}

/**
 * Waits for the classifier's top-1 class; fails at once, with its text, if the demo shows an alert
 * instead (a failed download, a worker that died). Returns the top-1 class.
 */
export async function classifierAnswer(d: SmokeDriver, expected: RegExp): Promise<string> {
  const seen = await waitFor(
    d,
    `the classifier's top-1 class (${expected})`,
    ([alertSel, top1Sel, statusSel]) => {
      const alert = document.querySelector(alertSel)?.textContent?.trim();
      if (alert) return `alert: ${alert}`;
      const top1 = document.querySelector(top1Sel)?.textContent?.trim();
      return top1 ? `top-1: ${top1}` : `status: ${document.querySelector(statusSel)?.textContent?.trim() ?? ''}`;
    },
    [CLASSIFIER.alert, CLASSIFIER.top1, CLASSIFIER.status] as [string, string, string],
    (s) => s.startsWith('alert: ') || (s.startsWith('top-1: ') && expected.test(s.slice(7))),
    CLASSIFIER.answerTimeout,
  );
  assert.ok(seen.startsWith('top-1: '), seen);
  return seen.slice(7);
}

export async function classifyUpload(d: SmokeDriver, file = 'chelsea.jpg'): Promise<string> {
  await d.upload(CLASSIFIER.fileInput, photoPath(file));
  return classifierAnswer(d, CATS);
}

const classifierGallery: Flow = {
  name: 'classifier: a gallery click classifies the coffee photo as espresso, top-1 and top-5 correct',
  timeout: 150_000,
  async run(d) {
    await openClassifier(d);
    await d.click(CLASSIFIER.gallery('coffee.jpg'));
    await classifierAnswer(d, /^espresso$/);
    await waitText(d, CLASSIFIER.verdict, /ranked 1 of 1000.*top-1 correct, top-5 correct/);
    await waitText(d, '.classifier [data-testid="timing"]', /inference \d+ ms/);
    assert.deepEqual(await axeViolations(d, CLASSIFIER.root), []);
    await noErrors(d);
  },
};

const classifierUpload: Flow = {
  name: 'classifier: an uploaded photo of a cat gets a cat class',
  timeout: 150_000,
  async run(d) {
    await openClassifier(d);
    await classifyUpload(d, 'chelsea.jpg');
    await waitText(d, '.classifier .result .small', /^chelsea\.jpg · \d+ × \d+ px$/);
    await noErrors(d);
  },
};

/**
 * The classifier on the ResNet page (tests/e2e/classifier-resnet.spec.ts): the 8-bit ResNet-50, with
 * the quick MobileNet's answer first if it comes first, then ResNet-50's own (its timing line).
 */
const classifierResNet: Flow = {
  name: 'classifier on the ResNet page: ResNet-50 (8-bit) answers espresso, replacing any quick first answer',
  timeout: 300_000,
  async run(d) {
    const root = '#fig-resnet-classify .classifier';
    await visit(d, '/resnet/');
    await hydrated(d, root);
    await waitAttr(d, root, 'data-ready', /^true$/);
    await d.click(`${root} .gallery button:has(img[src$="/coffee.jpg"])`);
    await waitText(d, `${root} [data-testid="timing"]`, /^ResNet-50 \(Keras, 8-bit\) on /, 240_000);
    await waitText(d, `${root} [data-testid="top1"] strong`, /^espresso$/);
    assert.equal(await d.run((sel) => document.querySelectorAll(sel).length, `${root} [data-testid="quick-note"]`), 0);
    await noErrors(d);
  },
};

/** The race at 32×32 (tests/e2e/race.spec.ts). */
const race: Flow = {
  name: 'race: VGG-16 and ResNet-50 at 32×32 report two timings, then free every tensor',
  timeout: 240_000,
  async run(d) {
    await visit(d, '/vgg-vs-resnet/');
    await hydrated(d, '.race');
    await waitText(d, '.race [data-testid="race-memory"]', /553 MB of float32 weights/);
    await d.click('.race input[name="race-side"][value="32"]');
    await waitText(d, '.race [data-testid="race-memory"]', /151 MB of float32 weights/);
    await d.click('.race .race-start');
    const phase = await waitAttr(d, '.race', 'data-phase', /^(done|failed|refused|cancelled)$/, 200_000);
    assert.equal(phase, 'done', `race phase (status: ${await d.run(textOf, '.race .race-status')})`);
    await waitText(d, '.race [data-testid="race-backend"]', /^wasm$/);
    const ms = await d.run(
      () => [...document.querySelectorAll('.race [data-testid="race-median"]')].map((e) => Number(e.getAttribute('data-ms'))),
      null,
    );
    assert.equal(ms.length, 2, 'two medians');
    for (const m of ms) assert.ok(m > 0, `median ${m} ms`);
    await waitText(d, '.race [data-testid="race-freed"]', /Everything was freed\./);
    const t = await d.run(() => ['before', 'after'].map((w) => document.querySelector('.race')?.getAttribute(`data-tensors-${w}`)), null);
    assert.equal(t[1], t[0], 'tensors after the race = before');
    assert.deepEqual(await axeViolations(d, '.race'), []);
    await noErrors(d);
  },
};

/** The training lab with its smallest nets (tests/e2e/lab.spec.ts): start, a few steps, pause, reset. */
const lab: Flow = {
  name: 'lab: the smallest nets train a few steps, pause and reset',
  timeout: 240_000,
  async run(d) {
    await visit(d, '/resnet/?lab.depth=8&lab.width=4&lab.batch=8');
    await hydrated(d, '.lab');
    await waitText(d, '.lab [data-testid="lab-status"]', /^Ready: press Start to train Plain-8 and ResNet-8 side by side\.$/);
    await d.click(await pick(d, '.lab button', { text: 'Start' }));
    await waitAttr(d, '.lab', 'data-state', /^running$/, 90_000);
    await waitAttr(d, '.lab', 'data-steps', /^([3-9]|\d{2,})$/, 150_000);
    await waitText(d, '.lab [data-testid="lab-backend"]', /Backend: wasm/);
    await d.click(await pick(d, '.lab button', { text: 'Pause' }));
    await waitAttr(d, '.lab', 'data-state', /^paused$/, 60_000);
    await waitText(d, '.lab [data-testid="lab-status"]', /^Paused at iteration \d+\. Press Resume to go on\./);
    await d.click(await pick(d, '.lab button', { text: 'Reset' }));
    await waitAttr(d, '.lab', 'data-steps', /^0$/, 60_000);
    await waitAttr(d, '.lab', 'data-state', /^idle$/);
    assert.deepEqual(await axeViolations(d, '#fig-lab'), []);
    await noErrors(d);
  },
};

/** ResNet-50 on a photo (tests/e2e/probe.spec.ts): a step, the residual bars, Grad-CAM. */
const probe: Flow = {
  name: 'ResNet-50 on your photo: a step, the residual bars and Grad-CAM',
  timeout: 300_000,
  async run(d) {
    await visit(d, '/resnet/');
    const fig = '#fig-resnet-steps';
    await hydrated(d, `${fig} .pp`);
    await waitAttr(d, `${fig} .pp`, 'data-ready', /^true$/);
    await d.select(`${fig} .pp select`, 'coffee.jpg');
    await waitText(d, `${fig} [data-testid="probe-photo"]`, /^Coffee cup$/);
    await waitAttr(d, `${fig} .lp`, 'data-tiles', /^16$/, 150_000);
    await waitAttr(d, `${fig} .lp [role="img"]`, 'aria-label', /^The 16 most active of 64 channels of conv1_conv for Coffee cup/);
    await d.click(`${fig} button[aria-label="Step forward"]`);
    await waitAttr(d, `${fig} .net`, 'data-step', /^1$/);
    await waitAttr(d, `${fig} .lp`, 'data-tiles', /^16$/, 60_000);

    const branches = '#fig-resnet-branches';
    await hydrated(d, `${branches} .rb`);
    await waitCount(d, `${branches} [role="radio"]`, 16, 90_000);
    await waitText(d, `${branches} [data-testid="residual-findings"]`, /adds the most: ‖F\(x\)‖ is \d+\.\d\d times ‖x‖/);

    const cam = '#fig-resnet-gradcam';
    await hydrated(d, `${cam} .gc`);
    await waitFor(
      d,
      'Grad-CAM’s first class (espresso) to be chosen',
      (s) => {
        const first = document.querySelector<HTMLInputElement>(s);
        return first ? `${first.checked} ${first.closest('label')?.textContent?.trim()}` : null;
      },
      `${cam} input[type="radio"]`,
      (v) => v !== null && /^true 1\. espresso/.test(v),
      90_000,
    );
    await waitAttr(d, `${cam} .gc-pic[role="img"]`, 'aria-label', /^Grad-CAM for “espresso” over Coffee cup/, 90_000);

    for (const f of [fig, branches, cam]) assert.deepEqual(await axeViolations(d, f), [], f);
    await noErrors(d);
  },
};

/** Weight layers (conv and fc, projections included) of the lab's nets, from the spec. */
const layers = (depth: number, shortcuts: boolean, batchNorm: boolean): number =>
  summarize(cifarResnetSpec(depth, { shortcuts, width: DEFAULT_LAB_SETTINGS.width, batchNorm, classes: 10 }), FASHION_INPUT).weightLayers
    .length;

/** The gradient-flow figure (tests/e2e/gradient-flow.spec.ts): one mark per weight layer, redrawn for another depth. */
const gradientFlow: Flow = {
  name: 'gradient flow: one mark per weight layer of each net, redrawn for depth 20',
  timeout: 240_000,
  async run(d) {
    await visit(d, '/resnet/');
    const gf = '#fig-gradient-flow .gf';
    await hydrated(d, gf);
    const answered = async (n: number, setup: string) => {
      await waitAttr(d, gf, 'data-computed', exactly(String(n)), 120_000);
      await waitAttr(d, gf, 'data-setup', exactly(setup));
      await waitAttr(d, gf, 'data-phase', /^ready$/);
    };
    await answered(1, '56/nobn/glorot');
    await waitCount(d, `${gf} svg .gf-mark[data-net="plain"]`, layers(56, false, false));
    await waitCount(d, `${gf} svg .gf-mark[data-net="residual"]`, layers(56, true, false));
    await waitText(
      d,
      `${gf} [data-testid="gf-status"]`,
      /Plain-56: its first 3 convolutions get \d+\.\d orders of magnitude less output-gradient RMS/,
    );
    await d.select(`${gf} select`, '20');
    await answered(2, '20/nobn/glorot');
    await waitCount(d, `${gf} svg .gf-mark[data-net="plain"]`, layers(20, false, false));
    await waitCount(d, `${gf} svg .gf-mark[data-net="residual"]`, layers(20, true, false));
    assert.deepEqual(await axeViolations(d, '#fig-gradient-flow'), []);
    await noErrors(d);
  },
};

/** The model-zoo chart (tests/e2e/zoo.spec.ts): every Keras model drawn, the x axis switched, a family hidden. */
const zoo: Flow = {
  name: 'zoo chart: every Keras model drawn; the x axis and the legend redraw it',
  timeout: 90_000,
  async run(d) {
    // Counts from the Keras table, as tests/e2e/zoo.spec.ts computes them: at x = CPU time, models
    // without a timing are left out.
    const drawn = (x: CostAxisId, hide: string[] = []) =>
      splitPlottable(
        KERAS_MODELS.filter((m) => !hide.includes(m.family)),
        costAxis(x),
        metric('top1'),
      ).points.length;
    await visit(d, '/vgg-vs-resnet/');
    await hydrated(d, '.zoo');
    await waitAttr(d, '.zoo', 'data-ready', /^true$/);
    await waitCount(d, '.zoo-point', drawn('params'));
    await waitAttr(d, '.zoo-point[data-model="ResNet50"]', 'data-x', /^25\.6$/);
    await d.select('.zoo .zoo-select select', 'cpu');
    await waitAttr(d, '.zoo-point[data-model="ResNet50"]', 'data-x', /^58\.2$/);
    await waitCount(d, '.zoo-point', drawn('cpu'));
    await d.click('.zoo-legend-item[data-family="NASNet"]');
    await waitAttr(d, '.zoo-legend-item[data-family="NASNet"]', 'aria-pressed', /^false$/);
    await waitCount(d, '.zoo-point', drawn('cpu', ['NASNet']));
    await d.click('.zoo-legend-item[data-family="NASNet"]');
    await waitCount(d, '.zoo-point', drawn('cpu'));
    assert.deepEqual(await axeViolations(d, '.zoo'), []);
    await noErrors(d);
  },
};

/** The layer diagram (tests/e2e/diagram.spec.ts): the button and the keys step the marker and the panel. */
const diagram: Flow = {
  name: 'layer diagram: the button and the arrow keys step through VGG-16',
  timeout: 90_000,
  async run(d) {
    const vgg16 = analyze(getModel('vgg16'));
    const n = vgg16.steps.length;
    await visit(d, '/vgg/');
    await hydrated(d, '.net');
    await waitAttr(d, '.net', 'data-ready', /^true$/);
    await waitText(d, '.net .net-panel-title', new RegExp(`Step 1 of ${n} · ${vgg16.steps[0]!.id}`));
    await d.click('.net button[aria-label="Step forward"]');
    await waitAttr(d, '.net', 'data-step', /^1$/);
    await waitAttr(d, '.net .glyph.current', 'data-key', exactly(vgg16.steps[1]!.id));
    await d.press('.net .glyph.current', 'ArrowRight');
    await waitAttr(d, '.net', 'data-step', /^2$/);
    await d.press('.net .glyph.current', 'ArrowRight');
    await waitAttr(d, '.net .glyph.current', 'data-key', exactly(vgg16.steps[3]!.id));
    await waitText(d, '.net .net-panel-title', new RegExp(vgg16.steps[3]!.id));
    await d.press('.net .glyph.current', 'End');
    await waitText(d, '.net .net-panel-title', new RegExp(`Step ${n} of ${n} · ${vgg16.steps.at(-1)!.id}`));
    await d.press('.net .glyph.current', 'Home');
    await waitAttr(d, '.net', 'data-step', /^0$/);
    assert.deepEqual(await axeViolations(d, '.net'), []);
    await noErrors(d);
  },
};

/** Citation cards (tests/e2e/citations.spec.ts): focus opens one, Escape closes it, the link still leads to Sources. */
const citations: Flow = {
  name: 'citations: focus opens the card, Escape closes it and keeps focus, the link leads to Sources',
  timeout: 60_000,
  async run(d) {
    await visit(d, '/');
    const item = await pick(d, 'main .cite-item:has(a[href$="/sources/#he2016"])');
    const ref = `${item} .cite-ref`;
    const card = `${item} .cite-card`;
    const state = ([c, r]: [string, string]) => {
      const el = document.querySelector(c);
      const visible = !!el && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      return `${visible ? 'open' : 'closed'} ${document.activeElement === document.querySelector(r) ? 'ref' : document.activeElement?.closest('.cite-card') ? 'card' : 'elsewhere'}`;
    };
    const sels: [string, string] = [card, ref];
    await d.run((r) => (document.querySelector(r) as HTMLElement).focus(), ref);
    await waitFor(d, 'the focused citation’s card to open', state, sels, (s) => s === 'open ref');
    await waitText(d, card, /Deep Residual Learning for Image Recognition/);
    await d.press(ref, 'Escape');
    await waitFor(d, 'Escape to close the card, focus staying on the citation', state, sels, (s) => s === 'closed ref');
    // Focus leaves and comes back (the card opens again), Tab into it, then Escape from its link.
    await d.run(() => (document.activeElement as HTMLElement | null)?.blur(), null);
    await waitFor(d, 'focus to leave the citation', state, sels, (s) => s === 'closed elsewhere');
    await d.run((r) => (document.querySelector(r) as HTMLElement).focus(), ref);
    await waitFor(d, 'the card to open again', state, sels, (s) => s === 'open ref');
    await d.press(ref, 'Tab');
    await waitFor(d, 'Tab to reach the card’s first link', state, sels, (s) => s === 'open card');
    assert.deepEqual(await axeViolations(d, 'main .cite-item:focus-within'), []);
    await d.press(`${card} a`, 'Escape');
    await waitFor(d, 'Escape in the card to close it and focus the citation', state, sels, (s) => s === 'closed ref');
    await d.click(ref);
    await waitFor(
      d,
      'the Sources page at #he2016',
      () => `${location.pathname}${location.hash} ${document.getElementById('he2016')?.textContent ?? ''}`,
      null,
      (s) => /^\/sources\/#he2016 .*Deep Residual Learning/.test(s),
    );
    await noErrors(d);
  },
};

/** The tiny nets (tests/e2e/tiny-nets.spec.ts): both nets answer for three committed test images. */
const tinyNets: Flow = {
  name: 'tiny nets: both nets classify three test images',
  timeout: 150_000,
  async run(d) {
    await visit(d, '/vgg-vs-resnet/');
    await hydrated(d, '.tiny');
    await waitCount(d, '.tiny [data-testid="tiny-pick"]', 10);
    for (let i = 0; i < 3; i++) {
      await d.click(await pick(d, '.tiny [data-testid="tiny-pick"]', { nth: i }));
      await waitAttr(d, '.tiny', 'data-answered', exactly(String(i + 1)), 90_000);
      await waitCount(d, '.tiny [data-testid="tiny-top1"]', 2);
    }
    await waitCount(d, '.tiny svg.tiny-bars', 2);
    assert.deepEqual(await axeViolations(d, '.tiny'), []);
    await noErrors(d);
  },
};

/** The loss-landscape figure (tests/e2e/loss-landscape.spec.ts): four contour plots, the log option, the keyboard readout. */
const lossLandscape: Flow = {
  name: 'loss landscape: four contour plots, redrawn on a log scale, a loss read by keyboard',
  timeout: 90_000,
  async run(d) {
    const ls = '#fig-loss-landscape .ls';
    await visit(d, '/why-residual/');
    await hydrated(d, ls);
    await waitCount(d, `${ls} svg.ls-svg`, 4);
    await waitFor(
      d,
      'bands in all four plots',
      (s) => [...document.querySelectorAll(s)].map((p) => p.querySelectorAll('.ls-band').length),
      `${ls} svg.ls-svg`,
      (counts) => counts.length === 4 && counts.every((c) => c > 1),
    );
    await d.click(`${ls} .ls-controls input[type="checkbox"]`);
    await waitAttr(d, ls, 'data-scale', /^log$/);
    await waitAttr(d, `${ls} svg.ls-svg[data-net="landscape-resnet-56"]`, 'data-scale', /^log$/);
    await d.press(`${ls} svg.ls-svg[data-net="landscape-resnet-20"]`, 'ArrowRight');
    await waitText(d, `${ls} [data-testid="ls-readout"]`, /^ResNet-20 at α = 0\.\d\d, β = 0\.00: loss \d/);
    assert.deepEqual(await axeViolations(d, '#fig-loss-landscape'), []);
    await noErrors(d);
  },
};

/** The live landscape under the lab (tests/e2e/live-landscape.spec.ts): a short run, then a small map. */
const liveLandscape: Flow = {
  name: 'live landscape: a short lab run, then two maps of the loss around its nets',
  timeout: 300_000,
  async run(d) {
    await visit(d, '/resnet/?lab.depth=8&lab.width=4&lab.batch=8&lab.iters=4&map.steps=3&map.images=16');
    await hydrated(d, '.lab');
    await d.click(await pick(d, '.lab button', { text: 'Start' }));
    await waitAttr(d, '.lab', 'data-state', /^done$/, 150_000);
    await d.click(await pick(d, '.lab button', { text: 'Map the landscape around these two nets' }));
    await waitAttr(d, '.lab [data-testid="live-landscape"]', 'data-state', /^done$/, 150_000);
    await waitCount(d, '.lab .ll-map svg', 2);
    await waitText(
      d,
      '.lab [data-testid="ll-sentence"]',
      /^From the trained weights \(the centre\) to the edge of the map, the loss rises on average Plain-8's/,
    );
    assert.deepEqual(await axeViolations(d, '#fig-lab'), []);
    await noErrors(d);
  },
};

/** Block deletion on the tiny nets (tests/e2e/tiny-lesion.spec.ts): the committed bars draw, and one
 * deletion recomputed live in the worker matches the committed numbers for both nets. */
const tinyLesion: Flow = {
  name: 'tiny lesion: the committed bars draw and a live deletion matches them',
  timeout: 240_000,
  async run(d) {
    await visit(d, '/why-residual/');
    await hydrated(d, '.tl');
    const lesion = JSON.parse(readFileSync(new URL('../../src/lib/data/tiny-lesion.json', import.meta.url), 'utf8')) as TinyLesion;
    const blocks = lesion.nets[0]!.blocks.length;
    await waitCount(d, '.tl rect.tl-bar', 2 * blocks);
    await d.click(await pick(d, '.tl button', { text: 'Recompute live' }));
    await waitAttr(d, '.tl', 'data-finished', exactly('1'), 200_000);
    await waitCount(d, '.tl [data-testid="tl-live"] p[data-matches="true"]', 2);
    assert.deepEqual(await axeViolations(d, '.tl'), []);
    await noErrors(d);
  },
};

const blockDeletion: Flow = {
  name: 'block deletion: a block of ResNet-50 switched off changes the top-5; each block in turn draws 16 bars',
  timeout: 300_000,
  async run(d) {
    await visit(d, '/why-residual/');
    const fig = '#fig-block-deletion';
    await hydrated(d, `${fig} .ld`);
    await waitAttr(d, `${fig} .ld`, 'data-ready', /^true$/);
    await d.select(`${fig} .ld select`, 'coffee.jpg');
    await waitText(d, `${fig} [data-testid="lesion-photo"]`, /^Coffee cup$/);
    await waitCount(d, `${fig} [data-testid="lesion-top5"] li`, 5, 150_000);
    await waitText(d, `${fig} [data-testid="lesion-top5"] li`, /^espresso/);
    await d.click(`${fig} input[role="switch"][data-block="3"]`);
    await waitAttr(d, `${fig} [data-testid="lesion-top5"]`, 'data-off', /^3$/, 60_000);
    const url = await d.run(() => location.search, null);
    assert.match(url, /lesion\.off=3/);
    await d.click(await pick(d, `${fig} button`, { text: 'Remove each block in turn' }));
    await waitCount(d, `${fig} [data-testid="lesion-sweep"] .lb-bar`, 16, 60_000);
    await waitText(d, `${fig} [data-testid="lesion-sweep-text"]`, /espresso stays the top-1/, 180_000);
    assert.deepEqual(await axeViolations(d, fig), [], fig);
    await noErrors(d);
  },
};

/** The demos' main flows, in the order both engines run them. */
export const DEMO_FLOWS: Flow[] = [
  classifierGallery,
  classifierUpload,
  classifierResNet,
  race,
  lab,
  probe,
  gradientFlow,
  zoo,
  diagram,
  citations,
  tinyNets,
  blockDeletion,
  lossLandscape,
  liveLandscape,
  tinyLesion,
];
