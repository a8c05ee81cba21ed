// The page's one ResNet-50 probe, which its three islands (the photo picker with the diagram, the
// residual-branch chart, Grad-CAM) read and drive: over the page's engine client (the classifier's,
// so one model cache and one download) and the probe's paint worker.
import { classifierEngine, siteUrl } from '../shared/engine';
import { painter } from './paint-client';
import { ProbeState } from './probe-state.svelte';

export const probe = new ProbeState({
  engine: classifierEngine,
  painter,
  siteUrl: siteUrl(import.meta.env.BASE_URL.replace(/\/?$/, '/')),
});
