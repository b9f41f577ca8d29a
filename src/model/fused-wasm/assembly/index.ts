// Entry point of recurrence.wasm (scripts/build-wasm.js): the sweeps and the products they use.
export { gemm, gemmTN } from './products';
export { gruBackward, gruForward, lstmBackward, lstmForward, rnnBackward, rnnForward } from './cells';

/** Where the module's own static data (the math functions' tables) ends: JS lays out buffers after it. */
export function heapBase(): usize {
  return __heap_base;
}
