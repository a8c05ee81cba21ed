// The fact-check's corrections hold on the built pages: none of the statements found wrong or loose is
// printed any more, and the corrected ones are. Read from dist/ (what a host serves), as plain text.
import { readFileSync } from 'node:fs';
import { test, expect, sitePaths } from './fixtures';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';

const pageText = (path: string) =>
  readFileSync(new URL(`../../dist${path}index.html`, import.meta.url), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ');

/** Each wrong or loose statement of the fact-check, as the site used to print it. */
const WRONG: readonly [string, RegExp][] = [
  ['a hand-typed count of 24 Keras models', /\b24 (Keras )?models\b|Keras ships 24/],
  ['GAP credited with ResNet-152’s lower FLOPs', /replacing VGG.s huge fully connected layers/],
  ['Keras depth as every layer object', /counts every layer object/],
  ['Keras as MIT-licensed', /Keras is MIT|Keras \(MIT\)/],
  ['the annotator practising on training images', /practised on training images/],
  ['top-1 reported by the challenge', /Top-1 error [^.]{0,40}was reported too/],
  ['eight years from 2010 to 2017', /In eight years/],
  ['107 topological layers', /107 topological layers/],
  ['VGG’s init finding after the challenge', /after the challenge/],
  ['localisation won by the same submission', /the same submission/],
  ['a pure identity from end to end', /pure identity from one end to the other/],
  ['ResNet-34 option A against ResNet-50 option B', /25\.03% \(ResNet-34\) to 22\.85%/],
  ['the Fall 2011 count as today’s', /Today the full database holds/],
];

test('no page prints a statement the fact-check found wrong', () => {
  const found: string[] = [];
  for (const path of sitePaths()) {
    const text = pageText(path);
    for (const [what, re] of WRONG) if (re.test(text)) found.push(`${path}: ${what} (“${re.exec(text)![0]}”)`);
  }
  expect(found).toEqual([]);
});

test('the corrected statements are printed where they belong', () => {
  const all = sitePaths().map(pageText).join(' ');
  expect(all).toContain('Depth counts the number of layers with parameters');
  expect(all).toMatch(/Apache-2\.0/);
  expect(pageText("/vgg-vs-resnet/")).toContain(`all ${KERAS_MODELS.length} rows`);
});
