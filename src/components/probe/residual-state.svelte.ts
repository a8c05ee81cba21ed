// The residual-branch chart's state, apart from any markup: the ‖F(x)‖ / ‖x‖ ratios of ResNet-50's
// bottleneck blocks on the probe's photo, the selected block, its F(x), x and F(x) + x maps, and the
// last error. The island (ResidualBranches.svelte) passes the page's probe, calls `measure` and
// `loadMaps` from its effects and draws what is here.
import type { ResidualMaps, ResidualRatio } from '../../lib/probe/types';
import { residualSentences, summarizeResiduals } from '../../lib/probe/residual-summary';
import { RESIDUAL_CHANNELS, probeMessage, type ProbePhoto, type ProbeState } from './probe-state.svelte';

export class ResidualState {
  ratios = $state.raw<{ photo: string; list: ResidualRatio[] } | null>(null);
  selected = $state(0);
  maps = $state.raw<{ photo: string; maps: ResidualMaps } | null>(null);
  error = $state<string | null>(null);

  constructor(private readonly probe: ProbeState) {}

  /** The ratios, when they are the current photo's. */
  readonly list = $derived.by(() => (this.ratios && this.ratios.photo === this.probe.photo?.id ? this.ratios.list : null));
  readonly summary = $derived(this.list ? summarizeResiduals(this.list) : null);
  readonly text = $derived(this.summary ? residualSentences(this.summary) : null);
  readonly block = $derived(this.list?.[this.selected]?.block ?? null);
  /** The maps, when they are the current photo's and the selected block's. */
  readonly shownMaps = $derived.by(() =>
    this.maps && this.maps.photo === this.probe.photo?.id && this.maps.maps.block === this.block ? this.maps.maps : null,
  );

  /** Measures every block on `photo` and selects the one whose branch adds the most. */
  async measure(photo: ProbePhoto): Promise<void> {
    this.error = null;
    try {
      const r = await this.probe.cached(
        'residuals',
        'residuals',
        { model: this.probe.spec, imageId: photo.id },
        { lane: 'probe-residuals' },
      );
      if (this.probe.photo !== photo) return;
      const s = summarizeResiduals(r);
      this.selected = s ? r.indexOf(s.most) : 0;
      this.ratios = { photo: photo.id, list: r };
    } catch (e) {
      this.fail(e);
    }
  }

  /** Fetches block `b`'s maps on `photo` (kept if it is still the photo and block shown). */
  async loadMaps(photo: ProbePhoto, b: string): Promise<void> {
    try {
      const m = await this.probe.cached(
        `residual-maps/${b}`,
        'residual-maps',
        { model: this.probe.spec, imageId: photo.id, block: b, count: RESIDUAL_CHANNELS },
        { lane: 'probe-residual-maps' },
      );
      if (this.probe.photo === photo && this.block === b) this.maps = { photo: photo.id, maps: m };
      void this.probe.refreshMemory();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Shows a failed request's message (a superseded one says nothing). */
  fail(e: unknown): void {
    const m = probeMessage(e);
    if (m) this.error = m;
  }
}
