/*
 * Measured: Node 20, one thread, the shared 2-core EPYC of development (load ~2), each arm in
 * its own process, medians of 15 steps after 3 warm-up steps, ms. The paper's model (LSTM
 * hidden 5, batch 50, T 100, N 100, d_a 50, r 20, `mean`, fused recurrence), training step
 * (trainStep) on wasm: fused 110 (min 85) vs ops 370 (min 356); without attention 20. Attention
 * after its scores alone, forward + gradients, wasm: 62 vs 340; its JS passes alone: forward
 * 10, backward 28. On cpu the step is 457 vs 10 548 (2 steps), 164 without attention; there
 * the rest is TF.js's matMul of the score MLP. So `auto` fuses at every size on cpu and wasm.
 */

/**
 * Whether `auto` fuses the attention: on cpu and wasm, at every size (see above); other
 * backends (native TensorFlow, GPUs) keep the TF.js ops, whose kernels do not run in this JS heap.
 */
export function preferFusedAttention(backend: string): boolean {
  return backend === 'cpu' || backend === 'wasm';
}
