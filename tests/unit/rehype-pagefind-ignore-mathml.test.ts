import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import { rehypePagefindIgnoreMathml } from '../../src/plugins/rehype-pagefind-ignore-mathml.mjs';

const render = (md: string) =>
  unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypePagefindIgnoreMathml)
    .use(rehypeStringify)
    .process(md)
    .then(String);

describe('KaTeX MathML is kept out of the search index', () => {
  it('marks every hidden MathML copy with data-pagefind-ignore and leaves the visible HTML alone', async () => {
    const html = await render('Inline $y = F(x) + x$ and display:\n\n$$\\frac{\\partial L}{\\partial x}$$\n');
    const mathml = html.match(/<span class="katex-mathml"[^>]*>/g) ?? [];
    expect(mathml).toHaveLength(2);
    for (const tag of mathml) expect(tag).toContain('data-pagefind-ignore');
    expect(html).toMatch(/<span class="katex-html" aria-hidden="true">/);
    expect(html.match(/data-pagefind-ignore/g)).toHaveLength(2);
  });
});
