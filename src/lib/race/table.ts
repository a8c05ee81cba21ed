/**
 * The race's results table as rows of text: one column per raced model, the device's timings beside
 * the Keras table's. Pure, so the numbers and their formatting are unit-tested; the island only lays
 * the rows out.
 */
import { formatFixed, formatMsValue, formatSignificant } from '../format';
import type { RaceRow, RacerId } from './racers';

export const RACER_NAMES: Record<RacerId, string> = { vgg16: 'VGG-16', resnet50: 'ResNet-50' };

/** "VGG-16", or "ResNet-50*" when it ran with the real Keras weights. */
export const racerLabel = (r: RaceRow): string => `${RACER_NAMES[r.id]}${r.weights === 'keras' ? '*' : ''}`;

interface RaceCell {
  readonly text: string;
  /** The median cell carries its model and value for tests (data-model, data-ms). */
  readonly median?: { readonly model: RacerId; readonly ms: number };
}

export interface RaceTableRow {
  readonly header: string;
  readonly cells: readonly RaceCell[];
}

const ms = (x: number): string => `${formatMsValue(x)} ms`;

export function raceTable(rows: readonly RaceRow[]): RaceTableRow[] {
  const side = rows[0]?.side ?? 0;
  const row = (header: string, cell: (r: RaceRow) => RaceCell | string): RaceTableRow => ({
    header,
    cells: rows.map((r) => {
      const c = cell(r);
      return typeof c === 'string' ? { text: c } : c;
    }),
  });
  return [
    row('Median, this device', (r) => ({ text: ms(r.timing.median), median: { model: r.id, ms: r.timing.median } })),
    row('Fastest – slowest run', (r) => `${formatMsValue(r.timing.min)} – ${ms(r.timing.max)}`),
    row(`MACs at ${side}×${side}`, (r) => `${formatFixed(r.macs / 1e9, 2)} G`),
    row('ms per GMAC, this device', (r) => formatSignificant(r.msPerGmac)),
    row('Keras CPU, ms per batch of 32 (per image)', (r) => `${r.keras.cpuMsPerBatch} (${formatMsValue(r.keras.cpuMsPerImage)})`),
    row('Keras CPU, ms per GMAC', (r) => formatSignificant(r.keras.cpuMsPerGmac)),
    row('Keras GPU, ms per batch of 32 (per image)', (r) => `${r.keras.gpuMsPerBatch} (${formatMsValue(r.keras.gpuMsPerImage)})`),
    row('Keras GPU, ms per GMAC', (r) => formatSignificant(r.keras.gpuMsPerGmac)),
  ];
}
