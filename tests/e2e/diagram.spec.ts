import type { Locator, Page } from '@playwright/test';
import { analyze, compareStack, getModel, type AnalyzedModel } from '../../src/lib/arch';
import { formatInt } from '../../src/lib/format';
import { test, expect, visit, axeViolations } from './fixtures';

const vgg16 = analyze(getModel('vgg16'));
const resnet50 = analyze(getModel('resnet50'));

/** Glyphs a reader first sees: every layer, except that each residual (basic or bottleneck) block is one glyph. */
const glyphsOf = (m: AnalyzedModel): number =>
  m.blocks.reduce((n, b) => n + (b.type === 'basic' || b.type === 'bottleneck' ? 1 : b.last - b.first + 1), 0);

/** Scroll an island into view and wait until Astro has hydrated it (it drops `ssr` then). */
async function hydrated(page: Page, selector: string): Promise<Locator> {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:not([ssr]) ${selector}`).first()).toBeVisible();
  return el;
}

async function diagram(page: Page, path: string): Promise<Locator> {
  await visit(page, path);
  const net = await hydrated(page, '.net');
  await expect(net).toHaveAttribute('data-ready', 'true');
  return net;
}

test('VGG-16 draws one glyph per layer', async ({ page, errors }) => {
  const net = await diagram(page, '/vgg/');
  await expect(net.locator('.glyph')).toHaveCount(glyphsOf(vgg16));
  await expect(net.locator('.glyph')).toHaveCount(vgg16.steps.length);
  await expect(net.locator('.net-panel-title')).toContainText(`Step 1 of ${vgg16.steps.length} · ${vgg16.steps[0]!.id}`);
  expect(errors).toEqual([]);
});

test('ResNet-50 draws its bottleneck blocks folded, with a skip arc each', async ({ page, errors }) => {
  const net = await diagram(page, '/resnet/');
  const blocks = resnet50.blocks.filter((b) => b.type === 'bottleneck');
  await expect(net.locator('.glyph')).toHaveCount(glyphsOf(resnet50));
  await expect(net.locator('.glyph-block')).toHaveCount(blocks.length);
  await expect(net.locator('.net-arc')).toHaveCount(blocks.length);
  expect(errors).toEqual([]);
});

test('buttons and keys step the marker and update the panel', async ({ page, errors }) => {
  const net = await diagram(page, '/vgg/');
  const title = net.locator('.net-panel-title');
  await net.getByRole('button', { name: 'Step forward' }).click();
  await expect(net).toHaveAttribute('data-step', '1');
  await expect(net.locator('.glyph.current')).toHaveAttribute('data-key', vgg16.steps[1]!.id);
  await expect(title).toContainText(vgg16.steps[1]!.id);
  await expect(net.locator('.net-panel')).toContainText(vgg16.steps[1]!.op);

  // Keyboard on the focused diagram: the current glyph is the one tab stop inside it.
  await net.locator('.glyph.current').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const s3 = vgg16.steps[3]!;
  await expect(net.locator('.glyph.current')).toHaveAttribute('data-key', s3.id);
  await expect(title).toContainText(s3.id);
  await expect(net.locator('.net-panel')).toContainText(formatInt(s3.params));
  await expect(net.locator('.glyph.current')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(net).toHaveAttribute('data-step', '2');
  await page.keyboard.press('End');
  const last = vgg16.steps.at(-1)!;
  await expect(title).toContainText(`Step ${vgg16.steps.length} of ${vgg16.steps.length} · ${last.id}`);
  await expect(net.locator('.net-panel')).toContainText(`${formatInt(vgg16.totals.params)} of ${formatInt(vgg16.totals.params)}`);
  await page.keyboard.press('Home');
  await expect(net).toHaveAttribute('data-step', '0');
  await expect(page.locator('.net [aria-live="polite"]')).toContainText(`Step 1 of ${vgg16.steps.length}`);

  // Space plays (the marker moves on by itself) and pauses.
  await page.keyboard.press(' ');
  await expect(net.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await expect(net).not.toHaveAttribute('data-step', '0');
  await page.keyboard.press(' ');
  await expect(net.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');
  // Paused, the URL holds the step the reader stopped at.
  await expect(page).toHaveURL(new RegExp(`[?&]diagram\\.model=vgg16&diagram\\.step=${await net.getAttribute('data-step')}$`));
  expect(errors).toEqual([]);
});

test('the URL restores a model and a step, and follows the reader', async ({ page, errors }) => {
  const net = await diagram(page, '/vgg/?diagram.model=resnet50&diagram.step=12');
  const s = resnet50.steps[12]!;
  await expect(net).toHaveAttribute('data-model', 'resnet50');
  await expect(net.locator('.net-panel-title')).toContainText(`Step 13 of ${resnet50.steps.length} · ${s.id}`);
  await expect(net.locator('.glyph.current')).toHaveAttribute('data-first', String(resnet50.blocks[s.blockGlobalIndex]!.first));
  await net.getByRole('button', { name: 'Step forward' }).click();
  await expect(page).toHaveURL(/[?&]diagram\.model=resnet50&diagram\.step=13\b/);
  await net.getByLabel('Network').selectOption('resnet152');
  await expect(page).toHaveURL(/[?&]diagram\.model=resnet152&diagram\.step=0\b/);
  await expect(net.locator('.net-panel-title')).toContainText(`of ${analyze(getModel('resnet152')).steps.length}`);
  expect(errors).toEqual([]);
});

test('blocks expand and collapse by click and by Enter', async ({ page, errors }) => {
  const net = await diagram(page, '/resnet/');
  const b = resnet50.blocks.find((x) => x.type === 'bottleneck' && x.shortcut === 'projection')!;
  const folded = glyphsOf(resnet50);
  const opened = folded + (b.last - b.first);
  await net.locator(`.glyph-block[data-key="${b.id}"]`).click();
  await expect(net.locator('.glyph')).toHaveCount(opened);
  await expect(net.locator(`.glyph[data-key="${b.id}_add"]`)).toBeVisible();
  await expect(net.locator('.glyph.on-shortcut')).toHaveCount(
    b.last - b.first + 1 - resnet50.steps.slice(b.first, b.last + 1).filter((s) => s.path !== 'shortcut').length,
  );
  await expect(net.locator('.glyph.current')).toHaveAttribute('data-key', resnet50.steps[b.first]!.id);
  await net.locator('.net-bracket').click();
  await expect(net.locator('.glyph')).toHaveCount(folded);

  // Keyboard: Enter on the focused block opens it; Enter again closes it.
  await net.locator('.glyph.current').focus();
  await page.keyboard.press('Enter');
  await expect(net.locator('.glyph')).toHaveCount(opened);
  await expect(net.locator('.glyph.current')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(net.locator('.glyph')).toHaveCount(folded);

  await net.getByRole('button', { name: 'Expand all blocks' }).click();
  await expect(net.locator('.glyph')).toHaveCount(resnet50.steps.length);
  expect(errors).toEqual([]);
});

test('compare mode puts VGG-16 and ResNet-50 side by side on one scale', async ({ page, errors }) => {
  const net = await diagram(page, '/resnet/');
  await net.getByLabel('Compare VGG-16 and ResNet-50').check();
  const cols = net.locator('.stack-col');
  await expect(cols).toHaveCount(2);
  await expect(cols.nth(0)).toContainText(`${formatInt(vgg16.totals.macs)} MACs`);
  await expect(cols.nth(1)).toContainText(`${formatInt(resnet50.totals.macs)} MACs`);
  const heights = async (): Promise<number[]> =>
    cols.evaluateAll((gs) =>
      gs.map((g) => [...g.querySelectorAll('.stack-seg rect')].reduce((s, r) => s + Number(r.getAttribute('height')), 0)),
    );
  const [v, r] = await heights();
  expect(v! / r!).toBeCloseTo(vgg16.totals.macs / resnet50.totals.macs, 1);
  await net.getByLabel('Height shows').selectOption('params');
  await expect(cols.nth(0)).toContainText(`${formatInt(vgg16.totals.params)} parameters`);
  const [vp, rp] = await heights();
  expect(vp! / rp!).toBeCloseTo(vgg16.totals.params / resnet50.totals.params, 1);
  await cols.nth(0).locator('.stack-seg[data-key="fc1"]').hover();
  await expect(net.locator('.net-panel')).toContainText(formatInt(vgg16.byId.get('fc1')!.params));
  // Keyboard: a column is one tab stop; End goes to its last segment.
  await cols.nth(1).focus();
  await page.keyboard.press('End');
  await expect(net.locator('.net-panel-title')).toContainText('ResNet-50 · predictions');
  expect(await axeViolations(page, '.net')).toEqual([]);
  expect(errors).toEqual([]);
});

test('the residual block becomes the identity when F goes to zero', async ({ page, errors }) => {
  await visit(page, '/resnet/');
  const rb = await hydrated(page, '.rb');
  await rb.getByLabel(/Scale of F's weights/).fill('0');
  await expect(rb).toHaveAttribute('data-alpha', '0.00');
  await expect(rb.locator('.rb-verdict')).toContainText('the block is the identity');
  await rb.getByLabel(/Scale of F's weights/).fill('1');
  await expect(rb.locator('.rb-verdict')).toContainText('y differs from x');
  await rb.getByRole('button', { name: 'Send x through the block' }).click();
  await expect(rb.getByRole('button', { name: 'Send x through the block' })).toBeEnabled();
  expect(errors).toEqual([]);
});

test('the stacking grid counts weights for the chosen n and C', async ({ page, errors }) => {
  await visit(page, '/vgg/');
  const sg = await hydrated(page, '.sg');
  await sg.getByLabel(/Stacked 3×3 layers/).fill('2');
  await sg.getByLabel('Channels C').selectOption('512');
  const c = compareStack(2, 512);
  await expect(sg.locator('[data-stacked]')).toHaveText(formatInt(c.stackedWeights));
  await expect(sg.locator('[data-single]')).toHaveText(formatInt(c.singleWeights));
  // The input window the output pixel sees: (2n+1)² cells.
  await expect(sg.locator('svg g').first().locator('rect.on')).toHaveCount(c.rf * c.rf);
  expect(errors).toEqual([]);
});

test('the parameters-vs-work chart names VGG-16’s heaviest layer', async ({ page, errors }) => {
  await visit(page, '/vgg/');
  const pw = await hydrated(page, '.pw');
  const fc1 = vgg16.byId.get('fc1')!;
  await expect(pw.locator('.pw-readout')).toContainText(`fc1 (fully connected): ${formatInt(fc1.params)} parameters`);
  await pw.locator('.pw-svg').focus();
  await page.keyboard.press('Home');
  await expect(pw.locator('.pw-readout')).toContainText(vgg16.steps[0]!.id);
  expect(errors).toEqual([]);
});

for (const path of ['/vgg/', '/resnet/']) {
  test(`${path} has no axe-core violations with its islands rendered`, async ({ page, errors }) => {
    await visit(page, path);
    for (const sel of ['.net', '.pw', path === '/vgg/' ? '.sg' : '.rb']) await hydrated(page, sel);
    if (path === '/resnet/') await page.locator('.net .glyph-block').first().click();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('hovering a layer shows its facts; leaving it shows the current step again', async ({ page, errors }) => {
  const net = await diagram(page, '/vgg/');
  const s = vgg16.byId.get('block3_conv2')!;
  await net.locator(`.glyph[data-key="${s.id}"]`).hover();
  await expect(net.locator('.net-panel-title')).toContainText(`VGG-16 · ${s.id}`);
  await expect(net.locator('.net-panel')).toContainText(`${s.rf}×${s.rf} px`);
  await page.mouse.move(0, 0);
  await expect(net.locator('.net-panel-title')).toContainText(`Step 1 of ${vgg16.steps.length}`);
  expect(errors).toEqual([]);
});

for (const reduce of [true, false]) {
  test(`the marker ${reduce ? 'jumps at once with reduced motion' : 'glides between layers'}`, async ({ page, errors }) => {
    await page.emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
    const net = await diagram(page, '/vgg/');
    // Click "Step forward" and count how often the marker moves until it rests. A glide writes its
    // position in every animation frame until it arrives (d3 transitions run on animation frames), so
    // the marker rests once two frames in a row have passed without a write after the first one.
    const positions = await net.evaluate(async (el) => {
      const marker = el.querySelector('.net-marker')!;
      let writes = 0;
      const watch = new MutationObserver((records) => {
        writes += records.length;
      });
      watch.observe(marker, { attributes: true, attributeFilter: ['transform'] });
      (el.querySelector('button[aria-label="Step forward"]') as HTMLButtonElement).click();
      for (let quiet = 0; quiet < 2;) {
        const before = writes;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        quiet = writes > 0 && writes === before ? quiet + 1 : 0;
      }
      watch.disconnect();
      return writes;
    });
    await expect(net).toHaveAttribute('data-step', '1');
    if (reduce) expect(positions).toBe(1);
    else expect(positions).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });
}
