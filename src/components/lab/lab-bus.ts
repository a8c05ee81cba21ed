// The lab and the gradient-flow figure are separate islands on the ResNet page. While the lab
// trains, it publishes each gradient snapshot (with the settings it trains with) here, and the
// gradient figure, if it follows the lab, redraws from it. A DOM event keeps the two decoupled.
import type { LabEvent, LabSettings } from '../../lib/train/lab-methods';

export type LabGradients = Extract<LabEvent, { type: 'gradients' }> & { readonly settings: LabSettings };

const EVENT = 'vgg-resnet:lab-gradients';

export function publishGradients(g: LabGradients): void {
  dispatchEvent(new CustomEvent<LabGradients>(EVENT, { detail: g }));
}

export function subscribeGradients(listener: (g: LabGradients) => void): () => void {
  const h = (e: Event) => listener((e as CustomEvent<LabGradients>).detail);
  addEventListener(EVENT, h);
  return () => removeEventListener(EVENT, h);
}
