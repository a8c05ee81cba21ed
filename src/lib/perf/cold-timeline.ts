// The cold path from a click to the answer, from the page's and the engine worker's performance
// timelines (./marks.ts): which stage ran when, in milliseconds after the click, on the page's clock.
// `npm run bench:cold` prints it; the names here are the marks the page, the worker and the loader set.
import type { PerfEntry, PerfTimeline } from './marks';

/** Page marks. */
export const PICK = 'classifier:pick';
export const ANSWER = 'classifier:answer';
export const DRAWN = 'classifier:drawn';
/** The quick model's answer, shown while a larger chosen model still loads. */
export const QUICK_ANSWER = 'classifier:quick-answer';
/** Worker marks and measures. */
export const WORKER_EVALUATING = 'worker:evaluating';
export const WORKER_IMPORTED = 'worker:imported';
export const BACKEND_START = 'backend start';
export const backendMeasure = (name: string): string => `backend ${name}`;
export const SHA_PREFIX = 'sha256 ';
export const MODEL_BUILD = 'model build';
export const WARM_UP = 'warm-up';
export const PREDICT = 'predict';

export interface Stage {
  stage: string;
  /** ms after the click (negative: before it, as a worker started early). */
  start: number;
  end: number;
}

const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1).replace(/[?#].*$/, '');
const isWeightFile = (name: string) => /\.bin$|shard\d+of\d+$/.test(fileOf(name)) || /group\d+-shard/.test(fileOf(name));

/**
 * The stages after the page's last `PICK` mark, in order of start. Stages that began before the click
 * (a worker started early) are kept when they end after `from` - `lookBack` ms.
 */
export function coldTimeline(page: PerfTimeline, worker: PerfTimeline | null, lookBack = 60_000): Stage[] {
  const picks = page.entries.filter((e) => e.entryType === 'mark' && e.name === PICK);
  const click = picks.at(-1)?.startTime ?? 0;
  const stages: Stage[] = [];
  const add = (stage: string, start: number, end: number) => stages.push({ stage, start, end });
  const firstAfter = (entries: PerfEntry[], name: string, t: number) =>
    entries.find((e) => e.name === name && e.startTime + e.duration >= t);

  if (worker) {
    const shift = worker.timeOrigin - page.timeOrigin - click;
    const w = worker.entries.filter((e) => e.startTime + e.duration + shift >= -lookBack);
    const at = (e: PerfEntry) => ({ start: e.startTime + shift, end: e.startTime + e.duration + shift });
    const evaluating = w.find((e) => e.name === WORKER_EVALUATING);
    const imported = w.find((e) => e.name === WORKER_IMPORTED);
    if (evaluating) add('worker start (its entry fetched)', shift, at(evaluating).start);
    if (evaluating && imported) add('tfjs import (its script fetched and run)', at(evaluating).start, at(imported).start);
    for (const e of w.filter((e) => e.entryType === 'resource' && e.name.endsWith('.wasm')))
      add(`wasm fetch ${fileOf(e.name)}`, at(e).start, at(e).end);
    for (const e of w.filter((e) => e.entryType === 'measure' && e.name.startsWith('backend ') && e.name !== BACKEND_START))
      add(`${e.name.slice('backend '.length)} backend start (wasm compile, threads)`, at(e).start, at(e).end);
    const backend = w.find((e) => e.name === BACKEND_START);
    if (backend) add('backend start (all)', at(backend).start, at(backend).end);
    const resources = w.filter((e) => e.entryType === 'resource' && at(e).end >= 0);
    for (const e of resources.filter((e) => fileOf(e.name) === 'model.json')) add('model.json', at(e).start, at(e).end);
    const sha = new Map(w.filter((e) => e.name.startsWith(SHA_PREFIX)).map((e) => [e.name.slice(SHA_PREFIX.length), e] as const));
    for (const e of resources.filter((e) => isWeightFile(e.name))) {
      add(`download ${fileOf(e.name)}`, at(e).start, at(e).end);
      const check = sha.get(fileOf(e.name));
      if (check) add(`SHA-256 ${fileOf(e.name)}`, at(check).start, at(check).end);
    }
    for (const name of [MODEL_BUILD, WARM_UP]) {
      const e = firstAfter(w, name, -shift - lookBack);
      if (e) add(name, at(e).start, at(e).end);
    }
    const predict = firstAfter(w, PREDICT, -shift);
    if (predict) add('first prediction (preprocess + model)', at(predict).start, at(predict).end);
  }
  const quick = firstAfter(page.entries, QUICK_ANSWER, click);
  if (quick) add('quick answer on the page (the quick model)', quick.startTime - click, quick.startTime - click);
  const answer = firstAfter(page.entries, ANSWER, click);
  if (answer) add('answer on the page', answer.startTime - click, answer.startTime - click);
  const drawn = firstAfter(page.entries, DRAWN, click);
  if (drawn) add('first draw (bars)', drawn.startTime - click, drawn.startTime - click);
  return stages.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The stages that took longest, largest first. The weight files download in parallel, so their
 * downloads count as one span (first start to last end); their SHA-256 checks, short and between
 * downloads, count as the sum of their durations.
 */
export function largestCosts(stages: Stage[], n = 3): { stage: string; ms: number }[] {
  const spans = new Map<string, { start: number; end: number }>();
  let checks = 0;
  for (const s of stages) {
    if (s.stage === 'backend start (all)' || s.start === s.end) continue;
    if (s.stage.startsWith('SHA-256 ')) {
      checks += s.end - s.start;
      continue;
    }
    const key = s.stage.startsWith('download ') ? 'weight downloads' : s.stage;
    const span = spans.get(key);
    spans.set(key, span ? { start: Math.min(span.start, s.start), end: Math.max(span.end, s.end) } : { start: s.start, end: s.end });
  }
  const costs = [...spans].map(([stage, { start, end }]) => ({ stage, ms: end - start }));
  if (checks > 0) costs.push({ stage: 'SHA-256 checks (summed)', ms: checks });
  return costs.sort((a, b) => b.ms - a.ms).slice(0, n);
}
