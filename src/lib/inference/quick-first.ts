// Whether the quick model answers first. A reader who picks a photo for a large model (ResNet-50,
// 26 MB: half a minute on a phone's 4G) would otherwise see nothing until it has downloaded; the quick
// 8-bit MobileNet (under 3 MB) answers in seconds, labelled as such, and the chosen model's own answer
// replaces it. Not worth it for a model already loaded or not much larger than the quick one: the
// float MobileNet (10.5 MB, 4.3 times the quick model's 2.4 MB download) is the same network a few
// seconds later, so the bar is five times.
import type { ModelEntry } from './models';

/** How many times the quick model's download the chosen model's must be for a quick answer first. */
export const QUICK_FIRST_RATIO = 5;

export function quickFirst(chosen: ModelEntry, quick: ModelEntry, chosenLoaded: boolean): boolean {
  return chosen.id !== quick.id && !chosenLoaded && chosen.bytes >= QUICK_FIRST_RATIO * quick.bytes;
}
