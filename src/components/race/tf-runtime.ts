// Everything of tfjs the race needs on the page, loaded by dynamic import() only when the reader
// starts a race (npm run size checks that no page loads tfjs up front). Compute lives in src/lib/race;
// this module starts a backend and hands tfjs and the stepwise model builder to it.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendLimits, type BackendLimits } from '../../lib/race/capacity';

export { tf };
export { buildModelStepwise } from '../../lib/arch/tfjs-model';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// The threaded build's worker does not start under Vite's bundling here, and the site sets the
// cross-origin isolation headers only on its own server: use the single-threaded SIMD build.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export type BackendName = 'wasm' | 'cpu' | 'webgl';

export interface StartedBackend {
  readonly name: string;
  /** What the reader should know: SIMD, or a fallback that happened. */
  readonly note: string;
  readonly limits: BackendLimits;
}

/** Start the chosen backend, falling back to wasm then cpu (and saying so) when it does not start. */
export async function startBackend(choice: BackendName): Promise<StartedBackend> {
  const order: BackendName[] = [choice, ...(['wasm', 'cpu'] as const).filter((b) => b !== choice)];
  const failed: string[] = [];
  for (const name of order) {
    try {
      if (tf.getBackend() === name || (await tf.setBackend(name))) {
        await tf.ready();
        let note = '';
        if (name === 'wasm') note = `SIMD ${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'on' : 'off'}, one thread`;
        if (name === 'webgl') note = 'first runs compile shaders (the warm-up absorbs them)';
        if (failed.length) note = `${failed.join('; ')}, so using ${name}${note ? `; ${note}` : ''}`;
        const maxTexture = name === 'webgl' ? tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE') : undefined;
        return { name, note, limits: backendLimits(name, maxTexture) };
      }
      failed.push(`${name} did not start`);
    } catch (e) {
      failed.push(`${name} failed to start (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failed.join('; ')}.`);
}
