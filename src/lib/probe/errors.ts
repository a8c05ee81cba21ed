// The probes' refusals and failures, in words for the reader.

/** Error texts of running out of memory: wasm (Memory.grow, Emscripten's OOM abort), browsers, WebGL. */
const OOM =
  /out of memory|\bOOM\b|Memory\.grow|Maximum memory size|Array buffer allocation failed|allocation failed|Cannot allocate|Cannot enlarge memory|Failed to allocate|exceeds the maximum|RangeError: Invalid typed array length/i;

export function isOutOfMemory(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return OOM.test(text);
}

export class ProbeMemoryError extends Error {
  override name = 'ProbeMemoryError';
}

/** Runs a probe; running out of memory becomes an error that says so and what to try. */
export async function withMemoryMessage<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isOutOfMemory(err)) throw err;
    throw new ProbeMemoryError(
      `Memory ran out while computing ${what} (${err instanceof Error ? err.message : String(err)}). ` +
        'Try again with fewer channels, close other tabs, or reload the page to give the engine its memory back.',
    );
  }
}

/** Layers models only: a graph model has no layers to open up and no gradients here. */
export function refuseGraphModel(modelName: string, what: string): Error {
  return new Error(
    `${modelName} is a graph model: ${what} needs a layers model, whose layers and weights can be read. Choose the Keras ResNet-50.`,
  );
}
