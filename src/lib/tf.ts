// The one name for "the tfjs module a function is handed". Library code never imports tfjs itself:
// the caller passes it in, so the same code runs in a Web Worker, in Node tests and in scripts.
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;
