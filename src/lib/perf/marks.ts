// Stage marks for the cold path (`npm run bench:cold`): `performance.mark`/`measure` in the page and in
// the engine worker, cheap and without effect on behaviour. Each timeline (page, worker) is read back
// with its `timeOrigin` so the two can be put on one clock (./cold-timeline.ts).

/** One entry of a performance timeline, as plain data (marks, measures and resource fetches). */
export interface PerfEntry {
  name: string;
  entryType: string;
  startTime: number;
  duration: number;
  /** Resource fetches: bytes over the network, headers included (0 from the HTTP cache). */
  transferSize?: number;
}

/** A timeline and the wall-clock time its zero stands for. */
export interface PerfTimeline {
  timeOrigin: number;
  entries: PerfEntry[];
}

const perf = (): Performance | undefined => (typeof performance === 'undefined' ? undefined : performance);

/** Marks a moment (nothing happens where the API is missing). */
export function mark(name: string): void {
  try {
    perf()?.mark(name);
  } catch {
    // a timeline that refuses an entry never stops the demo
  }
}

/** Runs `work` and records its span as the measure `name`, whether it resolves or throws. */
export async function measured<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const p = perf();
  const start = p?.now() ?? 0;
  try {
    return await work();
  } finally {
    try {
      p?.measure(name, { start, end: p.now() });
    } catch {
      // as above
    }
  }
}

/** This context's marks, measures and fetched resources, as plain data that crosses postMessage. */
export function readTimeline(): PerfTimeline {
  const p = perf();
  if (!p) return { timeOrigin: 0, entries: [] };
  const entries = ['mark', 'measure', 'resource'].flatMap((type) =>
    p.getEntriesByType(type).map((e) => {
      const { name, entryType, startTime, duration } = e;
      const size = (e as PerformanceResourceTiming).transferSize;
      return { name, entryType, startTime, duration, ...(typeof size === 'number' ? { transferSize: size } : {}) };
    }),
  );
  return { timeOrigin: p.timeOrigin, entries };
}
