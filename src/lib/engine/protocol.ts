// Moved: the backend types to src/lib/worker-rpc/backend.ts, the engine's methods to methods.ts, the
// probes' answers to src/lib/probe/types.ts. This re-export keeps the demos that still import the
// backend types from here building until they move to worker-rpc; delete it then.
export type { BackendChoice, BackendInfo, BackendName } from '../worker-rpc/backend';
