/**
 * Shape inference and counting: walks a spec once, in step order, and computes for every layer its
 * output shape, parameters (both conventions), MACs, activation memory, receptive field and jump,
 * plus running, per-block and per-stage totals. Linear in the number of layers (ResNet-152's 500+
 * steps take well under a millisecond) and memoised per spec and input size.
 */
import type { AnalyzedModel, BlockInfo, BlockSpec, LayerInfo, LayerSpec, ArchSpec, PathRole, Shape, StageInfo, Totals } from './types';

export const BYTES_PER_FLOAT32 = 4;

export const ZERO_TOTALS: Totals = { params: 0, paramsKeras: 0, macs: 0, activations: 0, activationBytes: 0 };

const addTotals = (a: Totals, b: Totals): Totals => ({
  params: a.params + b.params,
  paramsKeras: a.paramsKeras + b.paramsKeras,
  macs: a.macs + b.macs,
  activations: a.activations + b.activations,
  activationBytes: a.activationBytes + b.activationBytes,
});

export const elements = (s: Shape): number => s.h * s.w * s.c;

/** "56×56×256" (height × width × channels). */
export const formatShape = (s: Shape): string => `${s.h}×${s.w}×${s.c}`;

/** Output side of a window op, PyTorch/Keras-valid semantics after symmetric padding. */
const windowOut = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** Receptive-field state of a tensor: field side, jump (cumulative stride) and centre of pixel 0. */
export interface ReceptiveField {
  readonly rf: number;
  readonly jump: number;
  readonly start: number;
}

const through = (f: ReceptiveField, k: number, s: number, p: number): ReceptiveField => ({
  rf: f.rf + (k - 1) * f.jump,
  jump: f.jump * s,
  start: f.start + ((k - 1) / 2 - p) * f.jump,
});

export interface LayerCalc {
  readonly out: Shape;
  readonly params: number;
  readonly paramsKeras: number;
  readonly nonTrainableKeras: number;
  readonly macs: number;
  readonly field: ReceptiveField;
  readonly op: string;
}

/** One layer's facts from its input shape and field (the add is handled by the caller). */
export function layerCalc(layer: LayerSpec, x: Shape, f: ReceptiveField): LayerCalc {
  const same = { out: x, params: 0, paramsKeras: 0, nonTrainableKeras: 0, macs: 0, field: f };
  switch (layer.kind) {
    case 'conv': {
      const { kernel: k, stride: s, pad: p, filters: n } = layer;
      const out = { h: windowOut(x.h, k, s, p), w: windowOut(x.w, k, s, p), c: n };
      if (out.h < 1 || out.w < 1) throw new RangeError(`${layer.name}: input ${formatShape(x)} is too small`);
      const weights = k * k * x.c * n;
      return {
        out,
        params: weights + (layer.bias === 'always' ? n : 0),
        paramsKeras: weights + n,
        nonTrainableKeras: 0,
        macs: out.h * out.w * weights,
        field: through(f, k, s, p),
        op: `${k}×${k} conv, ${n} filters${s > 1 ? `, stride ${s}` : ''}`,
      };
    }
    case 'bn':
      return { ...same, params: 2 * x.c, paramsKeras: 4 * x.c, nonTrainableKeras: 2 * x.c, op: 'batch normalization' };
    case 'relu':
      return { ...same, op: 'ReLU' };
    case 'softmax':
      return { ...same, op: 'softmax' };
    case 'add':
      return { ...same, op: 'add: F(x) + x' };
    case 'maxpool': {
      const { size: k, stride: s, pad: p } = layer;
      const out = { h: windowOut(x.h, k, s, p), w: windowOut(x.w, k, s, p), c: x.c };
      if (out.h < 1 || out.w < 1) throw new RangeError(`${layer.name}: input ${formatShape(x)} is too small`);
      return { ...same, out, field: through(f, k, s, p), op: `${k}×${k} max-pool, stride ${s}` };
    }
    case 'global-avg-pool':
      return { ...same, out: { h: 1, w: 1, c: x.c }, field: through(f, x.h, x.h, 0), op: 'global average pool' };
    case 'flatten':
      return { ...same, out: { h: 1, w: 1, c: elements(x) }, field: through(f, x.h, x.h, 0), op: 'flatten' };
    case 'fc': {
      const inputs = elements(x);
      const field = x.h > 1 ? through(f, x.h, x.h, 0) : f;
      return {
        out: { h: 1, w: 1, c: layer.units },
        params: inputs * layer.units + layer.units,
        paramsKeras: inputs * layer.units + layer.units,
        nonTrainableKeras: 0,
        macs: inputs * layer.units,
        field,
        op: `fully connected, ${layer.units} units`,
      };
    }
    case 'pad-shortcut': {
      const s = layer.stride;
      const out = { h: Math.ceil(x.h / s), w: Math.ceil(x.w / s), c: layer.filters };
      return {
        ...same,
        out,
        field: through(f, 1, s, 0),
        op: `shortcut: keep every ${s === 2 ? '2nd' : `${s}th`} pixel, zero-pad to ${layer.filters} channels`,
      };
    }
  }
}

const cache = new WeakMap<ArchSpec, Map<string, AnalyzedModel>>();

/** Analyse a spec for an input shape (default: the spec's own input). Results are memoised. */
export function analyze(spec: ArchSpec, input: Shape = spec.input): AnalyzedModel {
  const key = formatShape(input);
  let perSpec = cache.get(spec);
  if (!perSpec) cache.set(spec, (perSpec = new Map()));
  const hit = perSpec.get(key);
  if (hit) return hit;
  const result = compute(spec, input);
  perSpec.set(key, result);
  return result;
}

interface Cursor {
  readonly id: string;
  readonly shape: Shape;
  readonly field: ReceptiveField;
}

function compute(spec: ArchSpec, input: Shape): AnalyzedModel {
  const steps: LayerInfo[] = [];
  const blocks: BlockInfo[] = [];
  const stages: StageInfo[] = [];
  const byId = new Map<string, LayerInfo>();
  let running = ZERO_TOTALS;
  let depth = 0;
  let cur: Cursor = { id: 'input', shape: input, field: { rf: 1, jump: 1, start: 0 } };

  const push = (
    layer: LayerSpec,
    inputs: readonly string[],
    from: Cursor,
    where: { stageIndex: number; blockIndex: number; blockGlobalIndex: number; path: PathRole },
    fieldOverride?: ReceptiveField,
  ): Cursor => {
    const c = layerCalc(layer, from.shape, from.field);
    const outElements = elements(c.out);
    const own: Totals = {
      params: c.params,
      paramsKeras: c.paramsKeras,
      macs: c.macs,
      activations: outElements,
      activationBytes: outElements * BYTES_PER_FLOAT32,
    };
    running = addTotals(running, own);
    const field = fieldOverride ?? c.field;
    const weightLayer = (layer.kind === 'conv' || layer.kind === 'fc') && where.path !== 'shortcut';
    if (weightLayer) depth++;
    if (byId.has(layer.name)) throw new Error(`${spec.id}: duplicate layer name ${layer.name}`);
    const info: LayerInfo = {
      index: steps.length,
      id: layer.name,
      spec: layer,
      kind: layer.kind,
      op: c.op,
      ...where,
      inputs,
      inShape: from.shape,
      outShape: c.out,
      params: c.params,
      paramsKeras: c.paramsKeras,
      nonTrainableKeras: c.nonTrainableKeras,
      macs: c.macs,
      outElements,
      outBytes: outElements * BYTES_PER_FLOAT32,
      rf: field.rf,
      jump: field.jump,
      rfStart: field.start,
      weightLayer,
      cumulative: running,
    };
    steps.push(info);
    byId.set(info.id, info);
    return { id: info.id, shape: c.out, field };
  };

  const walk = (
    layers: readonly LayerSpec[],
    from: Cursor,
    where: { stageIndex: number; blockIndex: number; blockGlobalIndex: number; path: PathRole },
  ): Cursor => {
    let at = from;
    for (const layer of layers) at = push(layer, [at.id], at, where);
    return at;
  };

  spec.stages.forEach((stage, stageIndex) => {
    const stageFirst = steps.length;
    const stageStart = running;
    const firstBlock = blocks.length;
    stage.blocks.forEach((block: BlockSpec, blockIndex) => {
      const first = steps.length;
      const blockStart = running;
      const blockIn = cur;
      const where = { stageIndex, blockIndex, blockGlobalIndex: blocks.length };
      if (!block.shortcut) {
        cur = walk([...block.main, ...block.out], blockIn, { ...where, path: 'trunk' });
      } else {
        const mainEnd = walk(block.main, blockIn, { ...where, path: 'main' });
        const shortEnd = walk(block.shortcut.layers, blockIn, { ...where, path: 'shortcut' });
        const [add, ...rest] = block.out;
        if (add?.kind !== 'add') throw new Error(`${spec.id}/${block.id}: a residual block's out must start with an add`);
        const a = mainEnd.shape;
        const b = shortEnd.shape;
        if (a.h !== b.h || a.w !== b.w || a.c !== b.c) {
          throw new Error(`${spec.id}/${block.id}: cannot add ${formatShape(a)} and ${formatShape(b)}`);
        }
        const wider = mainEnd.field.rf >= shortEnd.field.rf ? mainEnd.field : shortEnd.field;
        const merged = push(add, [mainEnd.id, shortEnd.id], mainEnd, { ...where, path: 'trunk' }, wider);
        cur = walk(rest, merged, { ...where, path: 'trunk' });
      }
      blocks.push({
        id: block.id,
        name: block.name,
        type: block.type,
        stageIndex,
        blockIndex,
        shortcut: block.shortcut?.type ?? null,
        inputId: blockIn.id,
        first,
        last: steps.length - 1,
        inShape: blockIn.shape,
        outShape: cur.shape,
        totals: diff(running, blockStart),
      });
    });
    stages.push({
      id: stage.id,
      name: stage.name,
      index: stageIndex,
      first: stageFirst,
      last: steps.length - 1,
      blockCount: stage.blocks.length,
      firstBlock,
      outShape: cur.shape,
      totals: diff(running, stageStart),
    });
  });

  return { spec, input, steps, blocks, stages, totals: running, depth, outShape: cur.shape, byId };
}

const diff = (a: Totals, b: Totals): Totals => ({
  params: a.params - b.params,
  paramsKeras: a.paramsKeras - b.paramsKeras,
  macs: a.macs - b.macs,
  activations: a.activations - b.activations,
  activationBytes: a.activationBytes - b.activationBytes,
});

/** A layer's parameters in a convention. */
export const paramsIn = (t: { params: number; paramsKeras: number }, convention: 'torchvision' | 'keras'): number =>
  convention === 'keras' ? t.paramsKeras : t.params;
