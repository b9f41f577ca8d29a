/*
 * Measured: MEASUREMENTS
 */

/**
 * Whether `auto` fuses the attention: on cpu and wasm, at every size (see above); other
 * backends (native TensorFlow, GPUs) keep the TF.js ops, whose kernels do not run in this JS heap.
 */
export function preferFusedAttention(backend: string): boolean {
  return backend === 'cpu' || backend === 'wasm';
}
