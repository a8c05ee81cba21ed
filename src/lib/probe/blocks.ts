// The residual blocks of a loaded model, found from its graph alone: every Add layer whose two
// operands lead back, through chains of single-use layers, to one common tensor x. The longer chain is
// the residual branch F(x) (ResNet-50: conv, BN, ReLU, conv, BN, ReLU, conv, BN); the shorter one is
// the shortcut: empty for the identity, [conv, BN] for a 1×1 projection. Names are never read.
import { PASS_THROUGH, nextLayer, type ModelGraph } from './graph';

export interface ResidualBlock {
  /** Position among the model's residual blocks (0-based, in graph order). */
  readonly index: number;
  /** The model layer whose output x feeds both paths. */
  readonly input: string;
  /** The branch's layers in forward order; the last one gives F(x) just before the addition. */
  readonly branch: readonly string[];
  /** The shortcut's layers in forward order ([] for the identity). */
  readonly shortcut: readonly string[];
  /** The layers the Add reads: F(x) and x (x is `input` itself for the identity). */
  readonly branchEnd: string;
  readonly shortcutEnd: string;
  readonly add: string;
  /** The single layer after the Add (the block's closing ReLU), or null. */
  readonly out: string | null;
  readonly projection: boolean;
  /** 2 for the first stage, +1 at every later projection (a projection opens a stage in ResNets). */
  readonly stage: number;
}

/**
 * Walks back from `start` while each layer is used once and has one input; returns the layers
 * passed (forward order, pass-through layers left out) and the layer where the walk stopped: the
 * fork, used by more than one layer (or a layer with several or no inputs).
 */
function traceBack(g: ModelGraph, start: string): { path: string[]; fork: string } {
  const path: string[] = [];
  let cur = g.byName.get(start)!;
  while ((g.consumers.get(cur.name) ?? []).length === 1 && cur.inbound.length === 1) {
    if (!PASS_THROUGH.has(cur.className)) path.unshift(cur.name);
    cur = g.byName.get(cur.inbound[0]!)!;
  }
  return { path, fork: cur.name };
}

export function findResidualBlocks(g: ModelGraph): ResidualBlock[] {
  const blocks: ResidualBlock[] = [];
  let stage = 1;
  for (const layer of g.layers) {
    if (layer.className !== 'Add' || layer.inbound.length !== 2) continue;
    const [a, b] = layer.inbound.map((n) => ({ end: n, ...traceBack(g, n) })) as [
      { end: string; path: string[]; fork: string },
      { end: string; path: string[]; fork: string },
    ];
    // Not a residual block unless both operands start from the same x and one path is longer.
    if (a.fork !== b.fork || a.path.length === b.path.length) continue;
    const [branch, shortcut] = a.path.length > b.path.length ? [a, b] : [b, a];
    const projection = shortcut.path.length > 0;
    if (projection || blocks.length === 0) stage++;
    const out = nextLayer(g, layer.name);
    blocks.push({
      index: blocks.length,
      input: branch.fork,
      branch: branch.path,
      shortcut: shortcut.path,
      branchEnd: branch.end,
      shortcutEnd: shortcut.end,
      add: layer.name,
      out: out?.name ?? null,
      projection,
      stage,
    });
  }
  return blocks;
}
