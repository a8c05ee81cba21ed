/**
 * Training conv nets in tfjs, framework-free (tfjs passed in): wasm gradient kernels, the
 * Fashion-MNIST loader, nets from architecture specs, SGD, evaluation, gradient norms, estimates,
 * the lab session a Web Worker wraps, and the gradient-flow summary.
 */
export * from './wasm-grad-kernels';
export * from './wasm-conv-grads';
export * from './rng';
export * from './batch-norm';
export * from './fashion-mnist';
export * from './net';
export * from './trainer';
export * from './tiny-specs';
export * from './layers-export';
export * from './estimate';
export * from './lab-methods';
export * from './lab-session';
export * from './lab-nets';
export * from './event-loop';
export * from './gradient-summary';
