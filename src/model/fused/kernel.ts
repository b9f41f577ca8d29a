/**
 * The contract between the shared sequence sweeps (sweep.ts) and one cell kind's arithmetic:
 * the kernel computes one (batch row, time step) from buffers the sweep lays out. Offsets
 * index whole-sequence arrays, rows ordered batch-major (row = b·time + t).
 */

/** What a kernel reads and writes for one row of the forward pass. */
export interface ForwardRow {
  hidden: number;
  /** x_t·kernel without bias: gates·hidden values from `xo`. */
  x: Float32Array;
  xo: number;
  /** bias + h_{t−1}·recurrent (gates·hidden). */
  pre: Float64Array;
  /** Hidden states [batch, time, hidden]: h_t is written at `ho`; h_{t−1} is at `hp`, or −1 at t = 0 (zero state). */
  h: Float32Array;
  ho: number;
  hp: number;
  /** What the backward pass needs, `saved`·hidden values per row: this row's at `so`, the previous row's at `sp` (−1 at t = 0). */
  s: Float32Array;
  so: number;
  sp: number;
}

/** One row of backpropagation through time; reads the same buffers as the forward row. */
export interface BackwardRow extends Omit<ForwardRow, 'pre' | 'x' | 'xo'> {
  /** dL/dh_t, complete (from the output and from step t+1). */
  dh: Float64Array;
  /** The kind's own carried gradient (LSTM: dL/dc_t in, dL/dc_{t−1} out); zero at the last step. */
  carry: Float64Array;
  /** Out: dL/d(x_t·kernel) at `dxo`. */
  dx: Float32Array;
  dxo: number;
  /** Out: dL/d pre, i.e. the gradient of bias and of h_{t−1}·recurrent (gates·hidden). */
  dpre: Float64Array;
  /** Out: the part of dL/dh_{t−1} that does not pass through the recurrent product. */
  dhDirect: Float64Array;
}

/** One cell kind's step, forward and backward, over plain arrays. */
export interface FusedKernel {
  readonly gates: number;
  /** Values saved per hidden unit per step for the backward pass. */
  readonly saved: number;
  forward(r: ForwardRow): void;
  backward(r: BackwardRow): void;
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
