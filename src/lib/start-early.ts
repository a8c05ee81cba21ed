// Whether a demo may start its worker and backend (the wasm compile, never the weights) ahead of the
// reader's first click: only on a connection that is not metered by the reader's choice and not slow.
// The Network Information API exists in Chromium-based browsers only; without it (Firefox, Safari) the
// connection is unknown, and a start costs about 2–3 MB of scripts and wasm, so it goes ahead.

/** The parts of `navigator.connection` that matter here. */
export interface ConnectionHints {
  saveData?: boolean;
  effectiveType?: string;
}

/** True on a good or unknown connection: no `saveData`, and `effectiveType` 4g or not reported. */
export function mayStartEarly(connection: ConnectionHints | undefined | null): boolean {
  if (!connection) return true;
  if (connection.saveData) return false;
  return connection.effectiveType === undefined || connection.effectiveType === '4g';
}

/** This page's connection hints (`navigator.connection`), where the browser reports them. */
export function pageConnection(): ConnectionHints | undefined {
  return (globalThis.navigator as (Navigator & { connection?: ConnectionHints }) | undefined)?.connection;
}
