// Prints how long the architecture library takes to build and analyse each spec (the diagram's
// data): `npm run bench:arch`. Figures, not a timed test. Fresh specs every run so the analysis memo
// does not hide the work.
import * as lib from '../src/lib/arch';

const cases: [string, () => ReturnType<typeof lib.resnetSpec>][] = [
  ['ResNet-152', () => lib.resnetSpec(152)],
  ['ResNet-50', () => lib.resnetSpec(50)],
  ['VGG-16', () => lib.vggSpec('vgg16')],
  ['CIFAR ResNet-110', () => lib.cifarResnetSpec(110)],
];
for (const [name, make] of cases) {
  const first0 = performance.now();
  const cold = lib.analyze(make());
  const first = performance.now() - first0;
  const runs = 200;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) lib.summarize(make());
  const each = (performance.now() - t0) / runs;
  console.log(
    `${name.padEnd(18)} ${String(cold.steps.length).padStart(4)} steps  first ${first.toFixed(2)} ms  then spec+analyse+summary ${each.toFixed(3)} ms`,
  );
}
