import * as tf from '@tensorflow/tfjs-core';
import { jsProduct, tfProduct, type ProductFactory } from './product.js';

/*
 * Measured: Node 20, one thread, medians of 5–21 steps, ms, fused vs op loop, T 100, N 100, on a
 * quiet 16-core Xeon (the shared 2-core EPYC of development agrees in direction, with 2–4×
 * more noise). LSTM training steps (createClassifier + trainStep) on wasm: hidden 5 batch 50:
 * 28 vs 96; with input-cell attention: 396 vs 416; hidden 64 batch 32: 121 vs 278; with
 * attention: 326 vs 390; on cpu, hidden 5 batch 50: 190 vs 383. Recurrence alone (forward +
 * backward), wasm, batch 32: hidden 5: 13 vs 79; 32: 53 vs 121; 64: 119 vs 293; 128: 312 vs
 * 637; 256: 695 vs 1245; batch 256 hidden 64: 994 vs 2178; batch 128 hidden 128: 1208 vs 2144;
 * GRU / RNN hidden 64: 116 vs 201 / 39 vs 95. So `auto` fuses at every size on cpu and wasm.
 */

/*
 * On webgpu the fused op is WGSL (fused-webgpu/): one dispatch per pass instead of ~35 per
 * step. Measured on SwiftShader (a software adapter, the only one here; 2 shared cores, load
 * 5–8), B 32 T 100 N 100 H 64, forward + backward, median ms, fused vs op loop: LSTM 8 562 vs
 * 35 823 and 17 967 vs 32 452 in two runs, GRU 4 632 vs 12 868; 36 kernels per pass whatever T,
 * against 701 at T 10 for the LSTM op loop.
 */

/**
 * Whether `auto` fuses: on cpu and wasm at every size (see the measurements above), and on
 * webgpu; native TensorFlow keeps the op loop, whose kernels do not run in this JS heap.
 */
export function preferFused(backend: string): boolean {
  return backend === 'cpu' || backend === 'wasm' || backend === 'webgpu';
}

/**
 * For the JavaScript sweeps: per-step product size (batch·gates·hidden²) from which wasm's matMul (XNNPACK, SIMD) beats
 * JS dots despite a tensor upload and a read per step. Recurrence alone, wasm, ms, JS vs
 * matMul: batch 50 hidden 5 (5k): 17.5 vs 22.8; batch 32 hidden 8 (8k): 23 vs 20; hidden 16
 * (33k): 61 vs 30; hidden 64 (524k): 523 vs 123. On cpu matMul is JS too, and no faster.
 */
export const WASM_PRODUCT_MIN_MACS = 8_000;

/** How the fused sweeps multiply by the recurrent weight, for the active backend and size. */
export function productFor(batch: number, gates: number, hidden: number): ProductFactory {
  return tf.getBackend() === 'wasm' && batch * gates * hidden * hidden >= WASM_PRODUCT_MIN_MACS ? tfProduct : jsProduct;
}

/*
 * recurrence.wasm against the JavaScript sweeps, LSTM training step (bench/train, batch 32, T 100,
 * N 100, hidden 64, wasm backend, the shared 2-core EPYC under load ~5, medians of 7): JS sweeps
 * 205 ms; wasm sweeps with scalar Mathf.exp/tanh 135; with four-lane exp 127; with the input
 * projection and its gradient inside the op (no XNNPACK round trip, no unused input gradient)
 * 54 at one thread, PyTorch 54 in the same run. So `auto` takes the wasm sweeps wherever the
 * module loads; the JS sweeps remain for runtimes without WebAssembly SIMD or threads.
 */

/** Where the fused sweeps of cpu and wasm run: `wasm` (recurrence.wasm, SIMD, threads), `js`, or `auto` (wasm where it loads). */
export type FusedSweeps = 'auto' | 'wasm' | 'js';

let sweeps: FusedSweeps = 'auto';

/** Forces the JS or the wasm sweeps (tests, benchmarks), or `auto` again. */
export function setFusedSweeps(choice: FusedSweeps): void {
  sweeps = choice;
}

export function getFusedSweeps(): FusedSweeps {
  return sweeps;
}
