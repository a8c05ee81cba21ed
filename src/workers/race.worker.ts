// One race in its own Worker: start the backend, check the device can hold it, build (or load) and
// time each model, stream every step. The page ends this worker afterwards, which returns all of its
// memory, the wasm heap included. Served by the worker runtime (src/lib/worker-rpc).
import { startBackend, tf } from './backends';
import { buildModelStepwise } from '../lib/arch/tfjs-model';
import { backendLimits, checkCapacity } from '../lib/race/capacity';
import { estimateMemory } from '../lib/race/memory';
import { RACERS, REAL_WEIGHTS_MODEL_ID, racerSpec, square } from '../lib/race/racers';
import { expectedDigests } from '../lib/inference/lock';
import { runRace, memorySnapshot, type Racer } from '../lib/race/race';
import { loadModel } from '../lib/inference/loader';
import { serve, type PortLike } from '../lib/worker-rpc';
import type { RaceMethods } from '../lib/race/methods';

serve<RaceMethods>(self as unknown as PortLike, {
  race: async (req, ctx) => {
    const info = await startBackend(req.backend, req.threads === undefined ? {} : { threads: req.threads });
    ctx.emit({ type: 'backend', info });
    const maxTexture = info.name === 'webgl' ? tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE') : undefined;
    const device = { deviceMemoryGiB: req.deviceMemoryGiB, backend: info.name, limits: backendLimits(info.name, maxTexture) };
    const side = req.realUrl ? 224 : req.side;
    for (const r of RACERS) {
      const verdict = checkCapacity(estimateMemory(racerSpec(r.id), square(side)), device);
      if (!verdict.ok) return { refused: verdict.message };
    }
    ctx.emit({ type: 'memory', when: 'before', memory: memorySnapshot(tf) });
    const realUrl = req.realUrl;
    const racers: Racer[] = RACERS.map((r) =>
      realUrl && r.id === 'resnet50'
        ? {
            id: r.id,
            weights: 'keras',
            load: async () =>
              (
                await loadModel(tf, [realUrl], {
                  // Every file checked against models.lock.json before use.
                  digests: expectedDigests(REAL_WEIGHTS_MODEL_ID),
                  onProgress: (fraction) => ctx.progress(fraction, 0, 0),
                })
              ).model as tf.LayersModel,
          }
        : { id: r.id, weights: req.weights },
    );
    try {
      const rows = await runRace(tf, buildModelStepwise, {
        racers,
        side,
        protocol: req.protocol,
        now: () => performance.now(),
        signal: ctx.signal,
        onEvent: (event) => ctx.emit({ type: 'race', event }),
      });
      return { rows };
    } finally {
      ctx.emit({ type: 'memory', when: 'after', memory: memorySnapshot(tf) });
    }
  },
});
