/**
 * The diagram's shareable state in the page URL: `?model=resnet50&step=12`. Parsing is forgiving
 * (an unknown model or a step out of range falls back to something valid) so a mistyped link still
 * opens a working diagram.
 */
export interface DiagramState {
  readonly model: string;
  /** 0-based step index. */
  readonly step: number;
}

/** Read the state from a query string; `stepCount(model)` bounds the step. */
export function readState(
  search: string,
  allowed: readonly string[],
  fallback: string,
  stepCount: (model: string) => number,
): DiagramState {
  const q = new URLSearchParams(search);
  const asked = q.get('model');
  const model = asked !== null && allowed.includes(asked) ? asked : fallback;
  const raw = Number.parseInt(q.get('step') ?? '', 10);
  const last = Math.max(0, stepCount(model) - 1);
  const step = Number.isFinite(raw) ? Math.min(last, Math.max(0, raw)) : 0;
  return { model, step };
}

/** The same URL with the state written in; other query parameters and the hash are kept. */
export function writeState(href: string, state: DiagramState): string {
  const url = new URL(href);
  url.searchParams.set('model', state.model);
  url.searchParams.set('step', String(state.step));
  return url.toString();
}
