import { transpose } from '../fused/dot.js';
import { FUSED_KERNELS } from '../fused/kernels.js';
import type { CellKind } from '../types.js';
import { Arena } from './arena.js';
import type { Threads } from './threads.js';

export interface Dims {
  batch: number;
  time: number;
  features: number;
  hidden: number;
}

/** What the forward sweep keeps for the backward one: its inputs, every state and the saved gate values. */
export interface WasmTrace {
  kind: CellKind;
  dims: Dims;
  inputs: Float32Array;
  kernel: Float32Array;
  u: Float32Array;
  h: Float32Array;
  s: Float32Array;
}

/** Gradients of the inputs [batch, time, N], the input kernel, the recurrent weight and the bias. */
export interface WasmGradients {
  /** Null when not asked for. */
  dInputs: Float32Array | null;
  dKernel: Float32Array;
  dU: Float32Array;
  dbias: Float32Array;
}

/** The batch cut into one run of whole sequences per thread (rows are batch-major, so each is contiguous). */
function chunks(batch: number, threads: number): { from: number; count: number }[] {
  const n = Math.max(1, Math.min(threads, batch));
  return Array.from({ length: n }, (_, i) => {
    const from = Math.floor((i * batch) / n);
    return { from, count: Math.floor(((i + 1) * batch) / n) - from };
  });
}

/**
 * The whole recurrence from a zero state in recurrence.wasm over inputs [batch, time, N]:
 * each thread projects its sequences by the input kernel (x = inputs·kernel, no bias) and
 * sweeps them, giving every state h [batch, time, H] and the saved values s.
 */
export function wasmForward(threads: Threads, kind: CellKind, dims: Dims, inputs: Float32Array, kernel: Float32Array, u: Float32Array, bias: Float32Array): WasmTrace {
  const { batch, time, features, hidden } = dims;
  const { gates, saved } = FUSED_KERNELS[kind];
  const width = gates * hidden;
  const arena = threads.arena;
  arena.reset();
  const pin = arena.put(inputs);
  const pk = arena.put(kernel);
  const pu = arena.put(u);
  const pb = arena.put(bias);
  const px = arena.alloc(batch * time * width);
  const ph = arena.alloc(batch * time * hidden);
  const ps = arena.alloc(batch * time * saved * hidden);
  const parts = chunks(batch, threads.count).map((c) => ({ ...c, scratch: arena.alloc(c.count * (gates + 2) * hidden) }));
  threads.run('gemm', parts.map(({ from, count }) => [pin + from * time * features * 4, features, pk, px + from * time * width * 4, count * time, features, width, 0]));
  threads.run(`${kind}Forward`, parts.map(({ from, count, scratch }) => {
    const row = from * time;
    return [px + row * width * 4, pu, pb, ph + row * hidden * 4, ps + row * saved * hidden * 4, scratch, count, time, hidden];
  }));
  return { kind, dims, inputs, kernel, u, h: arena.view(ph, batch * time * hidden).slice(), s: arena.view(ps, batch * time * saved * hidden).slice() };
}

/**
 * Backpropagation through time in recurrence.wasm, given dL/dh of every row: each thread
 * sweeps its sequences back and multiplies out its part of the gradients of the inputs,
 * the input kernel and the recurrent weight (the weights' parts summed here) and the bias;
 * the inputs' only with `inputGradient`.
 */
export function wasmBackward(threads: Threads, trace: WasmTrace, dy: Float32Array, inputGradient = true): WasmGradients {
  const { kind, dims: { batch, time, features, hidden }, inputs, kernel, u, h, s } = trace;
  const { gates, saved } = FUSED_KERNELS[kind];
  const width = gates * hidden;
  const rows = batch * time;
  const arena = threads.arena;
  arena.reset();
  const pdy = arena.put(dy);
  const puT = arena.put(transpose(u, hidden, width, new Float32Array(u.length)));
  const pkT = arena.put(transpose(kernel, features, width, new Float32Array(kernel.length)));
  const pin = arena.put(inputs);
  const ph = arena.put(h);
  const ps = arena.put(s);
  const pdx = arena.alloc(rows * width);
  // LSTM and RNN: the gradient of x is that of the pre-activations; GRU's candidate differs (r⊙).
  const pdpre = kind === 'gru' ? arena.alloc(rows * width) : pdx;
  const pdin = arena.alloc(rows * features);
  const parts = chunks(batch, threads.count).map(({ from, count }) => ({
    from, count, row: from * time,
    dU: arena.alloc(u.length), dK: arena.alloc(kernel.length), dbias: arena.alloc(width), scratch: arena.alloc(count * (gates + 2) * hidden),
  }));
  for (const p of parts) {
    arena.view(p.dU, u.length).fill(0);
    arena.view(p.dK, kernel.length).fill(0);
    arena.view(p.dbias, width).fill(0);
  }
  threads.run(`${kind}Backward`, parts.map(({ row, count, dU, dbias, scratch }) =>
    [pdy + row * hidden * 4, puT, ph + row * hidden * 4, ps + row * saved * hidden * 4, pdx + row * width * 4, pdpre + row * width * 4, dU, dbias, scratch, count, time, hidden]));
  threads.run('gemmTN', parts.map(({ row, count, dK }) => [pin + row * features * 4, features, pdx + row * width * 4, width, dK, count * time, features, width]));
  if (inputGradient) threads.run('gemm', parts.map(({ row, count }) => [pdx + row * width * 4, width, pkT, pdin + row * features * 4, count * time, width, features, 0]));
  return {
    dInputs: inputGradient ? arena.view(pdin, rows * features).slice() : null,
    dKernel: sumParts(arena, parts.map((p) => p.dK), kernel.length),
    dU: sumParts(arena, parts.map((p) => p.dU), u.length),
    dbias: sumParts(arena, parts.map((p) => p.dbias), width),
  };
}

/** The threads' parts of one weight's gradient, added up. */
function sumParts(arena: Arena, at: number[], length: number): Float32Array {
  const sum = arena.view(at[0], length).slice();
  for (const p of at.slice(1)) {
    const more = arena.view(p, length);
    for (let i = 0; i < length; i++) sum[i] += more[i];
  }
  return sum;
}
