import { transpose } from './dot.js';
import type { BackwardRow, ForwardRow, FusedKernel } from './kernel.js';
import type { ProductFactory } from './product.js';

export interface Dims {
  batch: number;
  time: number;
  hidden: number;
}

/** What a forward pass keeps for its backward pass: the recurrent weight, all hidden states, saved values. */
export interface Trace {
  kernel: FusedKernel;
  dims: Dims;
  /** Recurrent weight [hidden, gates·hidden], row-major. */
  u: Float32Array;
  /** Hidden states [batch, time, hidden] (row r = b·time + t, as every per-row array here). */
  h: Float32Array;
  s: Float32Array;
}

/**
 * The whole recurrence from a zero state over x = inputs·kernel [batch, time, gates·hidden]
 * (no bias), one step at a time for all sequences, so each step's recurrent product
 * h_{t−1}·U is one [batch, hidden]·[hidden, gates·hidden] product.
 */
export function forwardSweep(kernel: FusedKernel, dims: Dims, x: Float32Array, u: Float32Array, bias: Float32Array, product: ProductFactory): Trace {
  const { batch, time, hidden } = dims;
  const width = kernel.gates * hidden;
  const stride = kernel.saved * hidden;
  const h = new Float32Array(batch * time * hidden);
  const s = new Float32Array(batch * time * stride);
  const row: ForwardRow = { hidden, x, xo: 0, pre: new Float64Array(width), h, ho: 0, hp: -1, s, so: 0, sp: -1 };
  const byU = product(u, hidden, width);
  const hPrev = new Float32Array(batch * hidden);
  const hu = new Float32Array(batch * width);
  for (let t = 0; t < time; t++) {
    if (t > 0) {
      for (let b = 0; b < batch; b++) for (let k = 0; k < hidden; k++) hPrev[b * hidden + k] = h[(b * time + t - 1) * hidden + k];
      byU.apply(hPrev, batch, hu);
    }
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      row.xo = r * width;
      row.ho = r * hidden;
      row.hp = t === 0 ? -1 : row.ho - hidden;
      row.so = r * stride;
      row.sp = t === 0 ? -1 : row.so - stride;
      for (let j = 0; j < width; j++) row.pre[j] = t === 0 ? bias[j] : bias[j] + hu[b * width + j];
      kernel.forward(row);
    }
  }
  byU.dispose();
  return { kernel, dims, u, h, s };
}

/** Gradients of the pre-activations' parts: x (dx), bias + h·U (dpre, per row) and bias. */
export interface SweepGradients {
  dx: Float32Array;
  /** [batch·time, gates·hidden]: multiplied by the previous states it gives dL/dU. */
  dpre: Float32Array;
  dbias: Float32Array;
}

/** Backpropagation through time, given dL/dh_t for every row ([batch, time, hidden]). */
export function backwardSweep(trace: Trace, dy: Float32Array, product: ProductFactory): SweepGradients {
  const { kernel, dims: { batch, time, hidden }, u, h, s } = trace;
  const width = kernel.gates * hidden;
  const stride = kernel.saved * hidden;
  const dx = new Float32Array(batch * time * width);
  const dpreRows = new Float32Array(batch * time * width);
  const dbias = new Float64Array(width);
  // Each sequence carries its own kernel state (LSTM: dL/dc) from step to step.
  const carries = new Float64Array(batch * hidden);
  const carryOf = Array.from({ length: batch }, (_, b) => carries.subarray(b * hidden, (b + 1) * hidden));
  const row: BackwardRow = {
    hidden, h, ho: 0, hp: -1, s, so: 0, sp: -1, dx, dxo: 0,
    dh: new Float64Array(hidden), carry: carryOf[0], dpre: new Float64Array(width), dhDirect: new Float64Array(hidden),
  };
  const { dh, dpre, dhDirect } = row;
  const byUT = product(transpose(u, hidden, width, new Float32Array(u.length)), width, hidden);
  const dpreStep = new Float32Array(batch * width);
  const dhNext = new Float32Array(batch * hidden);
  const direct = new Float64Array(batch * hidden);
  for (let t = time - 1; t >= 0; t--) {
    for (let b = 0; b < batch; b++) {
      const r = b * time + t;
      row.ho = r * hidden;
      row.hp = t === 0 ? -1 : row.ho - hidden;
      row.so = r * stride;
      row.sp = t === 0 ? -1 : row.so - stride;
      row.dxo = r * width;
      row.carry = carryOf[b];
      // From the output, and from step t+1 (both parts zero at the last step).
      for (let k = 0; k < hidden; k++) dh[k] = dy[row.ho + k] + direct[b * hidden + k] + dhNext[b * hidden + k];
      kernel.backward(row);
      for (let j = 0; j < width; j++) {
        dpreStep[b * width + j] = dpreRows[row.dxo + j] = dpre[j];
        dbias[j] += dpre[j];
      }
      direct.set(dhDirect, b * hidden);
    }
    // dL/dh_{t−1} = direct part + dpre_t·Uᵀ, for all sequences at once.
    if (t > 0) byUT.apply(dpreStep, batch, dhNext);
  }
  byUT.dispose();
  return { dx, dpre: dpreRows, dbias: Float32Array.from(dbias) };
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
export function lastStates({ dims: { batch, time, hidden }, h }: Pick<Trace, 'dims' | 'h'>): Float32Array {
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
