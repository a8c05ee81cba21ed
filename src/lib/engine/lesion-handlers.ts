// The engine's block-deletion methods (Veit et al. 2016, §4; methods.ts `lesion`, `lesion-sweep`,
// `lesion-gallery`), answered on the session's loaded layers model through its probe: the blocks come
// from the graph, the lesioned passes from src/lib/probe/lesion-run.ts. The intact probabilities of an
// image are kept beside it (dropped with it), so toggling blocks costs one lesioned pass each.
import type { Handlers } from '../worker-rpc/serve';
import type { ModelEntry } from '../inference/models';
import { rankOf } from '../inference/scores';
import { throwIfAborted } from '../worker-rpc/abort';
import type { ModelProbe } from '../probe/probe-model';
import { blockDeletion, eachBlockInTurn, lesionAnswer, lesionBlocks, lesionedProbs, type LesionTarget } from '../probe/lesion-run';
import type { BlockDeletion, GallerySweepAnswer } from '../probe/lesion-types';
import type { EngineMethods, ImageSource } from './methods';
import type { EngineSession } from './session';

type LesionMethods = Pick<EngineMethods, 'lesion' | 'lesion-sweep' | 'lesion-gallery'>;

/** The true class counts as kept while it is among the top 5 (the ILSVRC's top-5). */
const TOP = 5;

const targetOf = (probe: ModelProbe, spec: ModelEntry): LesionTarget => ({
  model: probe.model,
  graph: probe.graph,
  blocks: probe.blocks,
  output: spec.output,
});

let galleryIds = 0;

export function lesionHandlers(session: EngineSession): Handlers<LesionMethods> {
  /** Intact probabilities per held image (by identity, so a replaced image is measured again) and model. */
  const intactOf = new WeakMap<ImageSource, Map<string, Float32Array>>();
  const remember = (imageId: string, model: string, probs: Float32Array) => {
    const img = session.heldImage(imageId);
    if (!img) return;
    const m = intactOf.get(img) ?? new Map<string, Float32Array>();
    m.set(model, probs);
    intactOf.set(img, m);
  };
  const recall = (imageId: string, model: string) => {
    const img = session.heldImage(imageId);
    return img ? intactOf.get(img)?.get(model) : undefined;
  };

  return {
    lesion: (a, ctx) =>
      session.withProbe(a.model, a.imageId, 'ResNet-50 with blocks removed', { signal: ctx.signal }, async (probe, input) => {
        const t = targetOf(probe, a.model);
        let intact = recall(a.imageId, a.model.id);
        if (!intact) {
          intact = await lesionedProbs(session.tf, t, [], input);
          remember(a.imageId, a.model.id, intact);
        }
        throwIfAborted(ctx.signal);
        const probs = a.off.length ? await lesionedProbs(session.tf, t, a.off, input) : intact;
        return lesionAnswer(t, a.off, intact, probs);
      }),

    'lesion-sweep': (a, ctx) =>
      session.withProbe(a.model, a.imageId, 'each block removed in turn', { signal: ctx.signal }, async (probe, input) => {
        const t = targetOf(probe, a.model);
        const n = t.blocks.length;
        const deletions: BlockDeletion[] = [];
        let reference: Float32Array | null = null;
        ctx.progress(0, 0, n);
        const intact = await eachBlockInTurn(session.tf, t, input, {
          signal: ctx.signal,
          // The intact pass comes first: its probabilities are the reference for every deletion.
          onIntact: (p) => (reference = p),
          onDeletion: (i, probs) => {
            const d = blockDeletion(i, reference!, probs);
            deletions.push(d);
            ctx.emit(d);
            ctx.progress((i + 1) / n, i + 1, n);
          },
        });
        remember(a.imageId, a.model.id, intact);
        const original = lesionAnswer(t, [], intact, intact).original;
        return { blocks: lesionBlocks(t), original, deletions };
      }),

    'lesion-gallery': async (a, ctx) => {
      const total = a.photos.length;
      let answer: GallerySweepAnswer | null = null;
      for (const [p, photo] of a.photos.entries()) {
        throwIfAborted(ctx.signal);
        // One photo held at a time, under an id of its own, dropped after its sweep.
        const id = `lesion-gallery-${++galleryIds}`;
        session.putImage(id, photo.image);
        try {
          await session.withProbe(
            a.model,
            id,
            'the labelled photos with each block removed',
            { signal: ctx.signal },
            async (probe, input) => {
              const t = targetOf(probe, a.model);
              const n = t.blocks.length;
              answer ??= { blocks: lesionBlocks(t), total, intactKept: 0, kept: new Array<number>(n).fill(0), done: 0 };
              const acc = answer;
              const inTop = (probs: Float32Array) => probs.every(Number.isFinite) && rankOf(probs, photo.trueClass) <= TOP;
              const intact = await eachBlockInTurn(session.tf, t, input, {
                signal: ctx.signal,
                onDeletion: (i, probs) => {
                  if (inTop(probs)) acc.kept[i]! += 1;
                  ctx.progress((p * n + i + 1) / (total * n), p * n + i + 1, total * n);
                },
              });
              if (inTop(intact)) acc.intactKept += 1;
              acc.done = p + 1;
              ctx.emit({ ...acc, kept: [...acc.kept] });
            },
          );
        } finally {
          session.dropImage(id);
        }
      }
      if (!answer) throw new Error('no labelled photos were sent');
      return answer;
    },
  };
}
