/**
 * The network diagram's shareable state in the page URL: `?diagram.model=resnet50&diagram.step=12`.
 * Parsing is forgiving (an unknown model or a step out of range falls back to something valid) so a
 * mistyped link still opens a working diagram.
 */
import { defineUrlState, int, oneOf, type Codec } from '../url-state';

export interface DiagramView {
  readonly model: string;
  /** 0-based step index. */
  readonly step: number;
}

/**
 * Both keys are always written, defaults included: the diagram's default network differs from page
 * to page, so a link names the network and the step it shows wherever it is opened.
 */
const always = <T>(codec: Codec<T>): Codec<T> => ({ ...codec, equals: () => false });

/** The URL table of a diagram offering `models`, showing `fallback` unless the link names another. */
export function diagramUrl(models: readonly string[], fallback: string) {
  return defineUrlState<DiagramView>('diagram', {
    model: { codec: always(oneOf(models)), default: fallback },
    step: { codec: always(int(0)), default: 0 },
  });
}

/** The view in `search`; `stepCount(model)` bounds the step. */
export function readDiagramView(
  search: string,
  models: readonly string[],
  fallback: string,
  stepCount: (model: string) => number,
): DiagramView {
  const v = diagramUrl(models, fallback).read(search);
  return { model: v.model, step: Math.min(v.step, Math.max(0, stepCount(v.model) - 1)) };
}
