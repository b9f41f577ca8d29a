/**
 * TF.js backends whose tensors cannot be read synchronously here: tfjs-backend-webgpu's dataSync
 * goes through OffscreenCanvas, which Node has not, and Dawn cannot wait for a buffer map
 * without returning to the event loop. Code on the model path that must read a value mid-graph
 * (a data-dependent branch) asks this first and takes a path of tensor ops instead.
 */
const ASYNC_ONLY = new Set(['webgpu']);

/** Whether `tfBackend` (tf.getBackend()) supports dataSync / arraySync. */
export function canReadSync(tfBackend: string): boolean {
  return !ASYNC_ONLY.has(tfBackend);
}
