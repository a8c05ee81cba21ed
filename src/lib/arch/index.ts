/**
 * Architectures as code: VGG and ResNet from one typed spec (framework-free, no tfjs, no DOM).
 *
 * Data flow for a diagram:
 *   const spec = getModel('resnet50');          // registry (ids: MODEL_IDS; isModelId for URL params)
 *   const m = analyze(spec);                    // or analyze(spec, { h: 160, w: 160, c: 3 }); memoised
 *   m.stages[i] → { name, first, last, outShape, totals }         (conv1, conv2_x … head / block1 … classifier)
 *   m.stages[i].firstBlock … + blockCount − 1 → indexes into m.blocks
 *   m.blocks[j] → { type, shortcut, inputId, stageIndex, first, last, inShape, outShape, totals }
 *   m.steps[k]  → one layer = one step of the walk: { id, kind, op, path, inputs, inShape, outShape,
 *                 params, paramsKeras, macs, outBytes, rf, jump, cumulative }
 * Steps come in walk order: a residual block lists its main path, then its shortcut layers
 * (projection conv + bn, or the option-A `pad-shortcut`; none for an identity), then `add` (whose
 * `inputs` are [main end, shortcut end or block input]) and the closing ReLU. `path` says which arc
 * a step sits on. Ids are Keras-style layer names, unique per model and stable (fit for URLs), and are
 * the tfjs layer names of `buildModel`. A block spans the contiguous steps `first..last`, so a
 * collapsed block is one glyph for that range. Plain twins keep the same ids minus shortcuts/adds.
 *
 * Counting: `params` is the torchvision convention, `paramsKeras` Keras' `count_params()` (conv
 * biases + BatchNorm moving stats); MACs count convs and fully connected layers only. `summarize`
 * gives totals, per-stage totals and per-weight-layer parameter/MAC shares for charts; `compareStack`,
 * `stackWindows` and `stackPathCounts` drive the "stacking 3×3 convolutions" figure.
 *
 * MACs of bn/relu/pool/add/softmax are 0 by that convention; receptive fields are unclipped (they
 * may exceed the image). Everything is computed in one linear pass (ResNet-152, 515 steps: a few ms; `npm exec node scripts/bench-arch.mjs`).
 *
 * The tfjs model builder lives in `./tfjs-model` (not re-exported here: import it dynamically):
 *   const { buildModel } = await import('../lib/arch/tfjs-model')  // relative path; buildModel(spec, { convention, input, init })
 * Its tfjs layer names are the step ids, plus `<id>_pad` ZeroPadding2D layers before stride-2 convs/pools.
 */
export type * from './types';
export type { ReceptiveField, LayerCalc } from './analyze';
export { analyze, layerCalc, formatShape, elements, paramsIn, BYTES_PER_FLOAT32, ZERO_TOTALS } from './analyze';
export { MODEL_IDS, getModel, isModelId, listModels } from './registry';
export type { ModelId, ModelEntry } from './registry';
export { vggSpec, vggSpecFromConfig, VGG_IDS } from './vgg';
export type { VggId } from './vgg';
export { resnetSpec, cifarResnetSpec, resnetDepthConfig } from './resnet';
export type { ResNetDepth, ResNetOptions, CifarResNetOptions } from './resnet';
export { summarize } from './summary';
export type { ModelSummary, WeightLayerShare } from './summary';
export { compareStack, stackWindows, stackPathCounts } from './stacking';
export type { StackComparison, Window } from './stacking';
