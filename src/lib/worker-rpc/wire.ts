// What crosses between the page and a worker, and the method maps both sides are typed by. Only plain
// data and transferables cross; every call has an id, and the worker answers it with any number of
// events and progress messages, then exactly one 'ok' or 'error'. The watchdog's beats (watchdog.ts)
// travel beside these and never reach a handler.

/** One method: what the page sends, what the worker answers, and what it may stream meanwhile. */
export interface MethodSpec {
  args: unknown;
  result: unknown;
  event?: unknown;
}

/** A map of methods, e.g. `interface EngineMethods { load: { args: ModelEntry; result: ModelInfo } }`. */
export type MethodsOf<M> = { [K in keyof M]: MethodSpec };

export type Args<M, K extends keyof M> = M[K] extends { args: infer A } ? A : never;
export type Result<M, K extends keyof M> = M[K] extends { result: infer R } ? R : never;
export type EventOf<M, K extends keyof M> = M[K] extends { event: infer E } ? E : never;

export interface SerializedError {
  name: string;
  message: string;
  kind?: string;
  attempts?: readonly string[];
}

export type ToWorker =
  { rpc: 'call'; id: number; method: string; args: unknown; /** Latest-wins lane. */ lane?: string } | { rpc: 'cancel'; id: number };

export type FromWorker =
  | { rpc: 'ok'; id: number; value: unknown }
  | { rpc: 'error'; id: number; error: SerializedError }
  | { rpc: 'event'; id: number; event: unknown }
  | { rpc: 'progress'; id: number; fraction: number; loaded: number; total: number }
  /** An event tied to no call (a session's state changes). */
  | { rpc: 'broadcast'; event: unknown };

const hasRpc = (data: unknown): data is { rpc: unknown } => typeof data === 'object' && data !== null && 'rpc' in data;
export const isToWorker = (data: unknown): data is ToWorker => hasRpc(data) && (data.rpc === 'call' || data.rpc === 'cancel');
export const isFromWorker = (data: unknown): data is FromWorker => hasRpc(data) && data.rpc !== 'call' && data.rpc !== 'cancel';

/** An error as it crosses: its name, message, and the loader's kind and attempts when it has them. */
export function serializeError(err: unknown): SerializedError {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; kind?: unknown; attempts?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(err),
      ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
      ...(Array.isArray(e.attempts) ? { attempts: e.attempts.map(String) } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}
