// Moved to the worker runtime (src/lib/worker-rpc/backend-ladder.ts). This re-export keeps the demos
// that still import it from here building until they move to worker-rpc; delete it then.
export * from '../worker-rpc/backend-ladder';
