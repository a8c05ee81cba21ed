// The ResNet-50 diagram names its layers as Keras 2.2+ does (`conv2_block1_1_conv`, the names of the
// `resnet50-keras` spec); the converted weights the site serves were saved by an older Keras that named
// them `res2a_branch2a`, `bn2a_branch2a`, `activation_1`, `add`. This maps a spec step to the loaded
// model's own layer, given the names the model has, so the diagram can ask the real network for any
// step whichever Keras saved it.

/** Bottleneck blocks per stage in ResNet-50 (He et al. 2016, Table 1): conv2_x … conv5_x. */
const BLOCKS = [3, 4, 6, 3] as const;

/** Global index (0…15) of block `b` (1-based) of stage `s` (2…5), or -1 outside ResNet-50. */
export function globalBlock(stage: number, block: number): number {
  const i = stage - 2;
  if (i < 0 || i >= BLOCKS.length || block < 1 || block > BLOCKS[i]!) return -1;
  return BLOCKS.slice(0, i).reduce((a, n) => a + n, 0) + block - 1;
}

const STEP = /^conv([2-5])_block(\d+)_(?:([0-3])_(conv|bn|relu)|(add|out))$/;

/** The old Keras name of a spec step, or null when the step has none (a name we do not know). */
export function oldKerasName(stepId: string): string | null {
  switch (stepId) {
    case 'conv1_conv': return 'conv1';
    case 'conv1_bn': return 'bn_conv1';
    case 'conv1_relu': return 'activation';
    case 'pool1_pool': return 'max_pooling2d';
    case 'avg_pool': return 'avg_pool';
    // Old Keras folds the softmax into the dense layer: both steps are its output.
    case 'predictions': case 'probs': return 'fc1000';
  }
  const m = STEP.exec(stepId);
  if (!m) return null;
  const stage = Number(m[1]);
  const block = Number(m[2]);
  const g = globalBlock(stage, block);
  if (g < 0) return null;
  const letter = String.fromCharCode(96 + block);
  // Three ReLUs per block in graph order (after 2a, after 2b, after the add); the stem's is number 0.
  const activation = (k: number) => `activation_${1 + 3 * g + k}`;
  if (m[5] === 'add') return g === 0 ? 'add' : `add_${g}`;
  if (m[5] === 'out') return activation(2);
  const k = Number(m[3]);
  const kind = m[4]!;
  if (kind === 'relu') return k === 1 || k === 2 ? activation(k - 1) : null;
  const branch = k === 0 ? 'branch1' : `branch2${'abc'[k - 1]}`;
  return `${kind === 'conv' ? 'res' : 'bn'}${stage}${letter}_${branch}`;
}

/** The loaded model's layer for a spec step: its own name if the model has it, else the old one. */
export function modelLayerFor(stepId: string, modelLayers: ReadonlySet<string>): string | null {
  if (modelLayers.has(stepId)) return stepId;
  const old = oldKerasName(stepId);
  return old !== null && modelLayers.has(old) ? old : null;
}
