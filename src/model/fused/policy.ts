/**
 * Largest recurrent product per step (batch·gates·hidden² multiply-adds) for which the fused
 * recurrence beats the op loop on wasm. Past it, XNNPACK's SIMD products outrun plain JS
 * (~0.7 GMAC/s) by more than the loop's per-op overhead costs.
 *
 * Measured (LSTM, T 100, N 100, forward + backward of the recurrence alone, Node 20, one
 * thread, a loaded 2-core AMD EPYC; medians, ms, fused vs ops): batch 32 hidden 5: 14 vs 97;
 * hidden 64 (0.5M): 250–320 vs 330–1300; hidden 192 (4.7M): 1450 vs 3800; batch 256 hidden 64
 * (4.2M): 1830 vs 3700; batch 512 hidden 32 (2.1M): 1350 vs 2500; hidden 256 (8.4M): 2340 vs
 * 2570; batch 128 hidden 128 (8.4M): 2810 vs 2540. The crossover sits near 8M; 6M leaves margin.
 * On cpu the op loop's products are plain JS too, so fused wins at every size (batch 128,
 * hidden 128: 7.8 s vs 13.1 s).
 */
export const WASM_FUSED_MAX_STEP_MACS = 6_000_000;

/**
 * Whether `auto` fuses: on cpu always, on wasm up to WASM_FUSED_MAX_STEP_MACS; other backends
 * (native TensorFlow, GPUs) keep the op loop, whose kernels do not run in this JS heap.
 */
export function preferFused(backend: string, batch: number, gates: number, hidden: number): boolean {
  if (backend === 'cpu') return true;
  return backend === 'wasm' && batch * gates * hidden * hidden <= WASM_FUSED_MAX_STEP_MACS;
}
