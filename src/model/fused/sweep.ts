import { dot, transpose64 } from './dot.js';
import type { BackwardRow, ForwardRow, FusedKernel } from './kernel.js';

export interface Dims {
  batch: number;
  time: number;
  hidden: number;
}

/** What a forward pass keeps for its backward pass: the recurrent weight, all hidden states, saved values. */
export interface Trace {
  kernel: FusedKernel;
  dims: Dims;
  /** Recurrent weight [hidden, gates·hidden], row-major, widened to Float64. */
  u: Float64Array;
  /** Hidden states [batch, time, hidden]. */
  h: Float32Array;
  s: Float32Array;
}

/**
 * The whole recurrence from a zero state over x = inputs·kernel [batch, time, gates·hidden]
 * (no bias): rows are independent across the batch, so each sequence runs start to end.
 */
export function forwardSweep(kernel: FusedKernel, dims: Dims, x: Float32Array, u: Float32Array, bias: Float32Array): Trace {
  const { batch, time, hidden } = dims;
  const width = kernel.gates * hidden;
  const stride = kernel.saved * hidden;
  const h = new Float32Array(batch * time * hidden);
  const s = new Float32Array(batch * time * stride);
  const row: ForwardRow = { hidden, x, xo: 0, pre: new Float64Array(width), h, ho: 0, hp: -1, s, so: 0, sp: -1 };
  const uT = transpose64(u, hidden, width);
  const hPrev = new Float64Array(hidden);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < time; t++) {
      const r = b * time + t;
      row.xo = r * width;
      row.ho = r * hidden;
      row.hp = t === 0 ? -1 : row.ho - hidden;
      row.so = r * stride;
      row.sp = t === 0 ? -1 : row.so - stride;
      for (let k = 0; t > 0 && k < hidden; k++) hPrev[k] = h[row.hp + k];
      biasPlusProduct(row.pre, bias, t > 0 ? hPrev : null, uT);
      kernel.forward(row);
    }
  }
  return { kernel, dims, u: Float64Array.from(u), h, s };
}

/** Gradients of the pre-activations' parts: x (dx), bias + h·U (dpre, per row) and bias. */
export interface SweepGradients {
  dx: Float32Array;
  /** [batch·time, gates·hidden]: multiplied by the previous states it gives dL/dU. */
  dpre: Float32Array;
  dbias: Float32Array;
}

/** Backpropagation through time, given dL/dh_t for every row ([batch, time, hidden]). */
export function backwardSweep(trace: Trace, dy: Float32Array): SweepGradients {
  const { kernel, dims: { batch, time, hidden }, u, h, s } = trace;
  const width = kernel.gates * hidden;
  const stride = kernel.saved * hidden;
  const dx = new Float32Array(batch * time * width);
  const dpreRows = new Float32Array(batch * time * width);
  const dbias = new Float64Array(width);
  const row: BackwardRow = {
    hidden, h, ho: 0, hp: -1, s, so: 0, sp: -1, dx, dxo: 0,
    dh: new Float64Array(hidden), carry: new Float64Array(hidden), dpre: new Float64Array(width), dhDirect: new Float64Array(hidden),
  };
  const { dh, carry, dpre, dhDirect } = row;
  for (let b = 0; b < batch; b++) {
    dh.fill(0);
    carry.fill(0);
    for (let t = time - 1; t >= 0; t--) {
      const r = b * time + t;
      row.ho = r * hidden;
      row.hp = t === 0 ? -1 : row.ho - hidden;
      row.so = r * stride;
      row.sp = t === 0 ? -1 : row.so - stride;
      row.dxo = r * width;
      for (let k = 0; k < hidden; k++) dh[k] += dy[row.ho + k];
      kernel.backward(row);
      for (let j = 0; j < width; j++) {
        dpreRows[row.dxo + j] = dpre[j];
        dbias[j] += dpre[j];
      }
      if (t > 0) for (let k = 0; k < hidden; k++) dh[k] = dhDirect[k] + dot(dpre, u, k * width);
    }
  }
  return { dx, dpre: dpreRows, dbias: Float32Array.from(dbias) };
}

/** out = bias + hPrev·U in Float64 (uT = Uᵀ, so each entry is one contiguous dot); the bias alone at the zero state. */
function biasPlusProduct(out: Float64Array, bias: Float32Array, hPrev: Float64Array | null, uT: Float64Array): void {
  const hidden = hPrev?.length ?? 0;
  for (let j = 0; j < out.length; j++) out[j] = hPrev ? bias[j] + dot(hPrev, uT, j * hidden) : bias[j];
}

/** The states each row started from, transposed: [hidden, batch·time], zero at t = 0. */
export function previousStatesT({ dims: { batch, time, hidden }, h }: Trace): Float32Array {
  const rows = batch * time;
  const out = new Float32Array(hidden * rows);
  for (let r = 0; r < rows; r++) {
    if (r % time === 0) continue;
    for (let k = 0; k < hidden; k++) out[k * rows + r] = h[(r - 1) * hidden + k];
  }
  return out;
}

/** h at the last step of every sequence: [batch, hidden]. */
export function lastStates({ dims: { batch, time, hidden }, h }: Trace): Float32Array {
  const out = new Float32Array(batch * hidden);
  for (let b = 0; b < batch; b++) out.set(h.subarray(((b + 1) * time - 1) * hidden, (b + 1) * time * hidden), b * hidden);
  return out;
}

/** dL/dh for every row from dL/dh of the last steps only: zero elsewhere. */
export function spreadLast({ batch, time, hidden }: Dims, dyLast: Float32Array): Float32Array {
  const out = new Float32Array(batch * time * hidden);
  for (let b = 0; b < batch; b++) out.set(dyLast.subarray(b * hidden, (b + 1) * hidden), ((b + 1) * time - 1) * hidden);
  return out;
}
