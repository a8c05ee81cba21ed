// Prints the race of the comparison page, run in Node on the tfjs wasm backend (the page's default):
// `npm run bench:race -- [side=224] [warmup=1] [runs=5]`. Figures, not a timed test.
// Node's wasm backend is the same XNNPACK code as the browser's, single-threaded, so the figures are
// close to what a reader's browser on this machine would show.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { runRace } from '../src/lib/race/race';
import { buildModelStepwise } from '../src/lib/arch/tfjs-model';
import { estimateMemory } from '../src/lib/race/memory';
import { formatBytes } from '../src/lib/format';
import { square } from '../src/lib/race/racers';
import { getModel } from '../src/lib/arch';

const [side = 224, warmup = 1, runs = 5] = process.argv
  .slice(2)
  .filter((a) => a !== '--')
  .map(Number);

await tf.setBackend('wasm');
await tf.ready();

console.log(`race at ${side}×${side}, wasm backend (Node ${process.version}), ${warmup} warm-up + ${runs} timed runs, zero weights`);
const builds = new Map<string, number>();
let buildStart = performance.now();
const rows = await runRace(tf, buildModelStepwise, {
  racers: [
    { id: 'vgg16', weights: 'zeros' },
    { id: 'resnet50', weights: 'zeros' },
  ],
  side,
  protocol: { warmup, runs },
  now: () => performance.now(),
  onEvent: (e) => {
    if (e.type === 'build' && e.done === 1) buildStart = performance.now();
    if (e.type === 'build' && e.done === e.total) builds.set(e.racer, performance.now() - buildStart);
    if (e.type === 'run' && e.progress.phase === 'warmup')
      console.log(`  ${e.racer} warm-up ${e.progress.index}: ${e.progress.ms.toFixed(0)} ms`);
  },
});
for (const r of rows) {
  const mem = estimateMemory(getModel(r.id), square(side));
  console.log(
    `${r.name.padEnd(10)} build ${builds.get(r.id)?.toFixed(0)} ms  median ${r.timing.median.toFixed(1)} ms  (${r.timing.min.toFixed(1)}–${r.timing.max.toFixed(1)})  ` +
      `${(r.macs / 1e9).toFixed(2)} GMAC  ${r.msPerGmac.toFixed(1)} ms/GMAC  memory ${formatBytes(mem.totalBytes)}`,
  );
}
const m = tf.memory();
console.log(`tensors after: ${m.numTensors} (${m.numBytes} bytes)`);
