// The engine's methods (methods.ts) answered by one EngineSession: what the classifier's worker serves
// through the worker runtime, and what the tests serve over a MessageChannel.
import type { Handlers } from '../worker-rpc/serve';
import type { EngineMethods } from './methods';
import type { EngineSession } from './session';
import { measured, readTimeline } from '../perf/marks';
import { PREDICT } from '../perf/cold-timeline';
import { lesionHandlers } from './lesion-handlers';

export function engineHandlers(session: EngineSession): Handlers<EngineMethods> {
  const job = (ctx: { signal: AbortSignal; progress: (f: number, l: number, t: number) => void }) => ({
    signal: ctx.signal,
    onProgress: ctx.progress,
  });
  return {
    start: (a) => session.start(a.backend, a.threads),
    load: (a, ctx) => {
      let said: string | null = null;
      return session.load(a.model, {
        signal: ctx.signal,
        onProgress: (f, l, t, note = null) => {
          ctx.progress(f, l, t);
          if (note !== said) ctx.emit({ note: (said = note) });
        },
      });
    },
    'put-image': (a) => session.putImage(a.imageId, a.image),
    classify: async (a, ctx) => {
      const r = await measured(PREDICT, () => session.classify(a.model, a.imageId, job(ctx)));
      ctx.transfer(r.probs.buffer);
      return r;
    },
    layers: (a, ctx) => session.layers(a.model, job(ctx)),
    activation: (a, ctx) => session.activation(a.model, a.imageId, a.layer, a.count, job(ctx)),
    memory: () => session.memory(),
    'forget-models': () => {
      session.forgetModels();
      return null;
    },
    'probe-layer': (a, ctx) => session.probeLayer(a.model, a.imageId, a.layer, a.count, job(ctx)),
    residuals: (a, ctx) => session.residuals(a.model, a.imageId, job(ctx)),
    'residual-maps': (a, ctx) => session.residualMaps(a.model, a.imageId, a.block, a.count, job(ctx)),
    gradcam: (a, ctx) => session.gradCam(a.model, a.imageId, a.classIndex, job(ctx)),
    timeline: () => readTimeline(),
    'raw-predict': async (a) => ({ ms: await session.rawPredict(a.model, a.imageId, a.runs) }),
    ...lesionHandlers(session),
  };
}
