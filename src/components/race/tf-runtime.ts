// Everything of tfjs the race needs on the page, loaded by dynamic import() only when the reader
// starts a race. Compute lives in src/lib/race; this module starts a backend (the site's shared
// runtime) and hands tfjs, the backend's limits and the stepwise model builder to it.
import { tf, startBackend, type BackendChoice, type BackendState } from '../tfjs/runtime';
import { backendLimits, type BackendLimits } from '../../lib/race/capacity';

export { tf };
export { buildModelStepwise } from '../../lib/arch/tfjs-model';

export type BackendName = Exclude<BackendChoice, 'auto'>;

export interface StartedBackend extends BackendState {
  readonly limits: BackendLimits;
}

/** Start the chosen backend (falling back to wasm, then cpu, and saying so) with its memory limits. */
export async function startRaceBackend(choice: BackendName): Promise<StartedBackend> {
  const started = await startBackend(choice);
  const maxTexture = started.name === 'webgl' ? tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE') : undefined;
  return { ...started, limits: backendLimits(started.name, maxTexture) };
}
