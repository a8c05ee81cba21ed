/**
 * The facts a reader sees about a layer or block (panel, hover, screen-reader text), as plain rows
 * and sentences computed from the analysed model. One wording for the panel, the glyph labels and the
 * live region, so they never disagree.
 */
import { formatBytes } from '../format';
import { formatShape, type AnalyzedModel, type BlockInfo, type LayerInfo } from '../arch';
import { formatInt } from '../format';

export interface Fact {
  readonly label: string;
  readonly value: string;
}

const SHORTCUT_WORDS: Record<NonNullable<BlockInfo['shortcut']>, string> = {
  identity: 'identity shortcut',
  projection: 'projection shortcut (1×1 conv)',
  'zero-pad': 'zero-padding shortcut',
};

const PATH_WORDS: Record<LayerInfo['path'], string> = { main: 'main path F(x)', shortcut: 'shortcut path', trunk: '' };

/** "conv2_x block 1" for a layer in a block, the stage name otherwise. */
export function whereIs(model: AnalyzedModel, s: LayerInfo): string {
  const b = model.blocks[s.blockGlobalIndex];
  const stage = model.stages[s.stageIndex]?.name ?? '';
  if (!b || b.type === 'vgg' || b.type === 'stem' || b.type === 'head') return stage;
  const path = PATH_WORDS[s.path];
  return path ? `${b.name}, ${path}` : b.name;
}

export function layerFacts(model: AnalyzedModel, step: number): Fact[] {
  const s = model.steps[step];
  if (!s) return [];
  const t = model.totals;
  return [
    { label: 'Operation', value: s.op },
    { label: 'Output shape', value: `${formatShape(s.outShape)} (from ${formatShape(s.inShape)})` },
    { label: 'Parameters', value: formatInt(s.params) },
    { label: 'MACs', value: formatInt(s.macs) },
    { label: 'Receptive field', value: `${s.rf}×${s.rf} px` },
    { label: 'Activation memory', value: formatBytes(s.outBytes) },
    { label: 'Parameters so far', value: `${formatInt(s.cumulative.params)} of ${formatInt(t.params)}` },
    { label: 'MACs so far', value: `${formatInt(s.cumulative.macs)} of ${formatInt(t.macs)}` },
  ];
}

export function blockFacts(model: AnalyzedModel, block: number): Fact[] {
  const b = model.blocks[block];
  if (!b) return [];
  const last = model.steps[b.last]!;
  const kind =
    b.type === 'bottleneck' ? 'bottleneck block: 1×1, 3×3, 1×1 convs' : b.type === 'basic' ? 'basic block: two 3×3 convs' : b.name;
  return [
    { label: 'Block', value: `${kind}${b.shortcut ? `, ${SHORTCUT_WORDS[b.shortcut]}` : ', no shortcut'}` },
    { label: 'Output shape', value: `${formatShape(b.outShape)} (from ${formatShape(b.inShape)})` },
    { label: 'Layers', value: String(b.last - b.first + 1) },
    { label: 'Parameters', value: formatInt(b.totals.params) },
    { label: 'MACs', value: formatInt(b.totals.macs) },
    { label: 'Receptive field', value: `${last.rf}×${last.rf} px` },
  ];
}

/** Accessible name of a layer glyph. */
export function layerLabel(model: AnalyzedModel, step: number): string {
  const s = model.steps[step];
  if (!s) return '';
  return `${s.id}: ${s.op}, output ${formatShape(s.outShape)}, ${formatInt(s.params)} parameters, ${formatInt(s.macs)} MACs`;
}

/** Accessible name of a collapsed block glyph. */
export function blockLabel(model: AnalyzedModel, block: number): string {
  const b = model.blocks[block];
  if (!b) return '';
  return `${b.name} (${b.last - b.first + 1} layers, collapsed): output ${formatShape(b.outShape)}, ${formatInt(b.totals.params)} parameters, ${formatInt(b.totals.macs)} MACs. Press Enter to expand.`;
}

/** What the live region says when the reader lands on a step. */
export function stepAnnouncement(model: AnalyzedModel, step: number): string {
  const s = model.steps[step];
  if (!s) return '';
  return `Step ${step + 1} of ${model.steps.length}: ${s.id}, ${s.op}. Output ${formatShape(s.outShape)}. ${formatInt(s.params)} parameters, ${formatInt(s.macs)} MACs, receptive field ${s.rf} pixels.`;
}
