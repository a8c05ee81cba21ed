// Prints the race of the comparison page, run in Node on the tfjs wasm backend (the page's default):
// `npm exec node scripts/bench-race.mjs -- [side=224] [warmup=1] [runs=5]`. Figures, not a timed test.
// Node's wasm backend is the same XNNPACK code as the browser's, single-threaded, so the figures are
// close to what a reader's browser on this machine would show.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const [side = 224, warmup = 1, runs = 5] = process.argv.slice(2).filter((a) => a !== '--').map(Number);

// Bundle the TypeScript (race lib + model builder) with tfjs left external, into node_modules/.cache so
// the bundle resolves the project's own @tensorflow packages.
const out = await build({
  stdin: {
    contents: `export { runRace } from './src/lib/race/race';
      export { buildModelStepwise } from './src/lib/arch/tfjs-model';
      export { estimateMemory } from './src/lib/race/memory';
      export { formatBytes } from './src/lib/format';
      export { square } from './src/lib/race/compare';
      export { getModel } from './src/lib/arch';`,
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', write: false, external: ['@tensorflow/*'],
});
mkdirSync('node_modules/.cache', { recursive: true });
const file = new URL('../node_modules/.cache/bench-race.mjs', import.meta.url);
writeFileSync(file, out.outputFiles[0].text);
const lib = await import(file.href);
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend('wasm');
await tf.ready();

console.log(`race at ${side}×${side}, wasm backend (Node ${process.version}), ${warmup} warm-up + ${runs} timed runs, zero weights`);
const builds = new Map();
let buildStart = performance.now();
const rows = await lib.runRace(tf, lib.buildModelStepwise, {
  racers: [{ id: 'vgg16', weights: 'zeros' }, { id: 'resnet50', weights: 'zeros' }],
  side, protocol: { warmup, runs }, now: () => performance.now(),
  onEvent: (e) => {
    if (e.type === 'build' && e.done === 1) buildStart = performance.now();
    if (e.type === 'build' && e.done === e.total) builds.set(e.racer, performance.now() - buildStart);
    if (e.type === 'run' && e.progress.phase === 'warmup') console.log(`  ${e.racer} warm-up ${e.progress.index}: ${e.progress.ms.toFixed(0)} ms`);
  },
});
for (const r of rows) {
  const mem = lib.estimateMemory(lib.getModel(r.id), lib.square(side));
  console.log(`${r.name.padEnd(10)} build ${builds.get(r.id)?.toFixed(0)} ms  median ${r.timing.median.toFixed(1)} ms  (${r.timing.min.toFixed(1)}–${r.timing.max.toFixed(1)})  ` +
    `${(r.macs / 1e9).toFixed(2)} GMAC  ${r.msPerGmac.toFixed(1)} ms/GMAC  memory ${lib.formatBytes(mem.totalBytes)}`);
}
const m = tf.memory();
console.log(`tensors after: ${m.numTensors} (${m.numBytes} bytes)`);
