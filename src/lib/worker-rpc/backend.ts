// The backends a demo worker can run on, and what the page learns about the one it got. Shared by
// every worker (src/workers/backends.ts starts them) and the runtime's watchdog and ladder.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  /** Why this backend, and any fallback that happened, in words for the reader. */
  note: string;
  /** wasm only: threads in use (1 when single-threaded) and whether SIMD is on. */
  threads?: number;
  simd?: boolean;
}
