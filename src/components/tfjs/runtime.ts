// The one place the site sets up TensorFlow.js in the browser: wasm file locations, the wasm build to
// use, and starting a backend with fallbacks. Only demo runtimes import it, and they arrive by dynamic
// import() when the reader starts a demo (npm run size checks that no page loads tfjs up front).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export { tf };

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// The threaded wasm build's worker fails under Vite's bundling here ("e is not defined" in the worker),
// and threads gain little over SIMD for one image at a time (PLATFORM.md: ~72 vs ~80 ms): use SIMD only.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export type BackendChoice = 'auto' | 'webgl' | 'wasm' | 'cpu';

/** True when WebGL runs on a GPU rather than a software rasteriser (SwiftShader, llvmpipe). */
export function webglIsHardware(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}

export interface BackendState {
  name: 'webgl' | 'wasm' | 'cpu';
  /** What the reader should know: why this backend, and any fallback that happened. */
  note: string;
}

/** Starts the chosen backend; falls back (WebGL → WASM → CPU) and says so when one fails to start. */
export async function startBackend(choice: BackendChoice): Promise<BackendState> {
  const order: ('webgl' | 'wasm' | 'cpu')[] =
    choice === 'auto' ? (webglIsHardware() ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu']) : [choice, ...(['wasm', 'cpu'] as const).filter((b) => b !== choice)];
  const failed: string[] = [];
  for (const name of order) {
    try {
      if (tf.getBackend() === name || (await tf.setBackend(name))) {
        await tf.ready();
        let why = choice === 'auto' ? (name === 'webgl' ? 'your GPU runs WebGL' : name === 'wasm' ? 'no hardware-accelerated WebGL here' : '') : 'your choice';
        if (name === 'wasm') {
          const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
          const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
          why += `; SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
        }
        const note = failed.length ? `${failed.join('; ')}, so using ${name.toUpperCase()}` : why;
        return { name, note };
      }
      failed.push(`${name.toUpperCase()} did not start`);
    } catch (e) {
      failed.push(`${name.toUpperCase()} failed to start (${(e as Error).message})`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failed.join('; ')}.`);
}
