/**
 * Puts saved weights back into a `Net`: the weight specs and float32 bytes of a tfjs layers model
 * saved from a net of the same spec (`toLayersModel` + `saveLayersModel`, as train:landscape and
 * train:tiny write them), matched by name (`<layer>/kernel`, `/bias`, `/gamma`, `/beta`,
 * `/moving_mean`, `/moving_variance`). A missing, extra or misshapen weight is an error.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { toLayersWeights, type Net } from '../train/net';
import type { Tf } from '../tf';

export interface SavedWeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype?: string;
}

export function assignSavedWeights(tf: Tf, net: Net, specs: readonly SavedWeightSpec[], data: ArrayBuffer): void {
  const byName = new Map(toLayersWeights(net).map((w) => [w.name, w.tensor]));
  let offset = 0;
  const seen = new Set<string>();
  const values = specs.map((s) => {
    if ((s.dtype ?? 'float32') !== 'float32') throw new Error(`${s.name}: ${s.dtype} weights are not supported`);
    const size = s.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > data.byteLength) throw new Error(`The weight file ends before ${s.name}`);
    const v = new Float32Array(data.slice(offset, offset + size * 4));
    offset += size * 4;
    const t = byName.get(s.name);
    if (!t) throw new Error(`${net.spec.id} has no weight ${s.name}`);
    if (t.shape.join('x') !== s.shape.join('x')) throw new Error(`${s.name}: saved ${s.shape.join('×')}, the net has ${t.shape.join('×')}`);
    seen.add(s.name);
    return { t, v };
  });
  if (offset !== data.byteLength) throw new Error(`The weight file has ${data.byteLength - offset} bytes too many`);
  const missing = [...byName.keys()].filter((k) => !seen.has(k));
  if (missing.length > 0) throw new Error(`No saved weight for ${missing.join(', ')}`);
  tf.tidy(() => {
    for (const { t, v } of values) (t as tfjs.Variable).assign(tf.tensor(v, t.shape, 'float32'));
  });
}
