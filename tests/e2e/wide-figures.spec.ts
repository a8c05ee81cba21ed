import { test, expect, visit } from './fixtures';
import { animationFrames, islandsOnScreenDrawn } from './settle';

/**
 * Wide figures (<Figure wide>) break out of the text column to the main pane on wide screens. At a
 * 1280 px window nothing inside a figure needs sideways scrolling, no figure reaches under the table
 * of contents, and at 375 px the page still has no sideways scroll.
 */
const WIDE_PAGES = ['/', '/vgg/', '/resnet/', '/why-residual/', '/vgg-vs-resnet/'];

/** Elements inside figures that are wider than their box (they would scroll or clip sideways). */
async function sidewaysScrollers(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const fig of document.querySelectorAll<HTMLElement>('main figure.figure')) {
      for (const el of [fig, ...fig.querySelectorAll<HTMLElement>('*')]) {
        const style = getComputedStyle(el);
        const scrolls = /(auto|scroll)/.test(style.overflowX);
        if (scrolls && el.scrollWidth > el.clientWidth + 1) {
          out.push(`${fig.id} ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
    }
    return out;
  });
}

test.describe('wide figures at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  for (const path of WIDE_PAGES) {
    test(`${path}: no figure needs sideways scrolling and none covers the table of contents`, async ({ page, errors }) => {
      await visit(page, path);
      await page.waitForLoadState('networkidle');
      // Every island on screen has hydrated, measured its width and drawn. (At this size none is on
      // screen at first: the client:visible islands further down are checked as the server drew them.)
      await islandsOnScreenDrawn(page);
      expect(await sidewaysScrollers(page)).toEqual([]);
      const geometry = await page.evaluate(() => {
        const toc = document.querySelector('.right-sidebar')?.getBoundingClientRect();
        const pane = document.querySelector('.main-pane')?.getBoundingClientRect();
        const text = document.querySelector('.sl-markdown-content')?.getBoundingClientRect();
        const wide = [...document.querySelectorAll('figure.figure-wide')].map((f) => ({ id: f.id, ...f.getBoundingClientRect().toJSON() }));
        return { toc: toc?.toJSON(), pane: pane?.toJSON(), text: text?.toJSON(), wide };
      });
      expect(geometry.wide.length).toBeGreaterThan(0);
      // With a wide figure on screen, the table of contents is still on top and clickable.
      await page.locator('figure.figure-wide').first().scrollIntoViewIfNeeded();
      const tocLink = page.locator('.right-sidebar-panel starlight-toc a').nth(1);
      await expect(tocLink).toBeVisible();
      const box = (await tocLink.boundingBox())!;
      const hit = await page.evaluate(
        ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('.right-sidebar'),
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(hit, 'the table of contents is not covered').toBe(true);
      for (const f of geometry.wide) {
        expect(f.right, `${f.id} stays left of the table of contents`).toBeLessThanOrEqual((geometry.toc?.left ?? 1280) + 0.5);
        expect(f.left, `${f.id} stays inside the main pane`).toBeGreaterThanOrEqual((geometry.pane?.left ?? 0) - 0.5);
        expect(f.width, `${f.id} is at least as wide as the text column`).toBeGreaterThanOrEqual((geometry.text?.width ?? 0) - 0.5);
      }
      expect(errors).toEqual([]);
    });
  }
});

test.describe('the diagram’s compare view at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('VGG-16 beside ResNet-50 fits without sideways scrolling', async ({ page, errors }) => {
    await visit(page, '/vgg/');
    const fig = page.locator('#fig-vgg-steps');
    await fig.scrollIntoViewIfNeeded();
    // A check before the island hydrates is undone by hydration (the server drew it unchecked).
    await islandsOnScreenDrawn(page);
    await fig.getByLabel('Compare VGG-16 and ResNet-50').check();
    await expect(fig.locator('.net-compare svg').first()).toBeVisible();
    // Both columns drawn (VGG-16 and ResNet-50, each with its total), and a frame on for the layout.
    await expect(fig.locator('.net-compare svg .stack-col')).toHaveCount(2);
    await expect(fig.locator('.net-compare svg .stack-total')).toHaveCount(2);
    await animationFrames(page);
    expect(await sidewaysScrollers(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test.describe('wide figures on a wide screen', () => {
  test.use({ viewport: { width: 1920, height: 1000 } });
  test('break out of the text column to the main pane, clear of the table of contents', async ({ page, errors }) => {
    await visit(page, '/vgg-vs-resnet/');
    const g = await page.evaluate(() => {
      const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().toJSON() as DOMRect;
      return {
        zoo: r('#fig-zoo'),
        text: r('.sl-markdown-content'),
        pane: r('.main-pane'),
        toc: r('.right-sidebar'),
        narrow: r('#fig-pairs'),
      };
    });
    expect(g.zoo.width).toBeGreaterThan(g.text.width + 200);
    expect(g.zoo.left).toBeGreaterThanOrEqual(g.pane.left);
    expect(g.zoo.right).toBeLessThanOrEqual(g.toc.left);
    // A figure without `wide` keeps to the text column.
    expect(Math.round(g.narrow.width)).toBe(Math.round(g.text.width));
    expect(errors).toEqual([]);
  });
});

test.describe('wide figures on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  for (const path of WIDE_PAGES) {
    test(`${path}: every wide figure stays inside the screen and the page has no sideways scroll`, async ({ page, errors }) => {
      await visit(page, path);
      await page.waitForLoadState('networkidle');
      const out = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        figures: [...document.querySelectorAll('figure.figure-wide')].map((f) => {
          const b = f.getBoundingClientRect();
          return { id: f.id, left: b.left, right: b.right };
        }),
      }));
      expect(out.overflow).toBeLessThanOrEqual(0);
      for (const f of out.figures) {
        expect(f.left, f.id).toBeGreaterThanOrEqual(0);
        expect(f.right, f.id).toBeLessThanOrEqual(375);
      }
      expect(errors).toEqual([]);
    });
  }
});
