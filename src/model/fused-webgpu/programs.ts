import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { WgslCell } from './cells.js';

/*
 * The whole recurrence as ONE dispatch per pass, not one per step: a step is a few hundred
 * multiply-adds per sequence, far less than what one dispatch costs (recording, binding,
 * submission), and TF.js's op loop issues about a dozen dispatches per step forward and more
 * backward. So each workgroup owns one sequence (batch row) and its threads loop over the T steps
 * themselves, keeping h_{t−1} (and the LSTM's c) in workgroup memory between steps:
 *
 *   forward, per step:  gate phase   thread j (j = tid, tid + WG, …; any gates·hidden) computes
 *                                    pre_j = bias_j + Σ_m h_{t−1}[m]·U[m, j] (U read down a column:
 *                                    neighbouring threads read neighbouring words)
 *                       barrier
 *                       state phase  thread k (k = tid, tid + WG, …) runs the cell on unit k and
 *                                    writes h_t[k], the saved values and c_t[k]
 *                       barrier
 *   backward, per step (t from T−1 down):
 *                       unit phase   thread k: dh = dy + dL/dh from step t+1, the cell's backward,
 *                                    dpre for unit k's gates into workgroup memory and the output
 *                       barrier
 *                       sum phase    thread k: dL/dh_{t−1}[k] = direct + Σ_j dpre_j·Uᵀ[j, k]
 *                                    (split over several threads per unit when H < WG: sumPartsFor)
 *                       barrier
 *
 * A recurrence's forward + backward is then a fixed number of kernels whatever T is (the two
 * sweeps, and around them slices, Uᵀ, dL/dU = h_{t−1}ᵀ·dpre as one matMul, dL/dbias as one sum):
 * counted by tf.profile through runRecurrence with the input projection and its gradients, 36 at
 * T 5 and at T 10 for LSTM, against 361 and 701 for the op loop (GRU 37 vs 717, RNN 36 vs 214 at
 * T 10). Sequences are independent, so there is no synchronisation between
 * workgroups. The price is that one sequence's work runs on one workgroup: parallelism is
 * batch × workgroup size, which suits the batches (≥ 32) and hidden sizes (≤ a few hundred) of
 * this app. The limit is workgroup storage (h, pre and c live there): see maxHidden; beyond it
 * op.ts throws a ModelError.
 */

/**
 * Threads per workgroup: one per gate column up to 256 (what WebGPU guarantees), a multiple of 32
 * (a warp), so a step's gate phase is one round of H multiply-adds per thread up to 64 LSTM units.
 */
export function workgroupSizeFor(width: number): number {
  return Math.min(256, Math.ceil(width / 32) * 32);
}

/**
 * How many threads share one unit's sum in the backward sum phase: with fewer units than
 * threads, each unit's Σ_j over gates·hidden is split into this many strided parts (added up
 * after one more barrier), so no thread is idle while one runs the whole sum.
 */
export function sumPartsFor(hidden: number, workgroupSize: number): number {
  return Math.max(1, Math.floor(workgroupSize / hidden));
}

/** f32 values one workgroup keeps per hidden unit: h (or dL/dh), one per gate (pre or dpre), and the carry. */
function workgroupFloatsPerUnit(cell: WgslCell): number {
  return 1 + cell.gates + (cell.carries ? 1 : 0);
}

/** Bytes of workgroup storage the larger of the two programs declares at this hidden size. */
export function workgroupBytes(cell: WgslCell, hidden: number): number {
  const workgroupSize = workgroupSizeFor(cell.gates * hidden);
  const parts = sumPartsFor(hidden, workgroupSize);
  return 4 * (1 + workgroupFloatsPerUnit(cell) * hidden + (parts > 1 ? parts * hidden : 0));
}

/**
 * The largest hidden size whose workgroup arrays fit in `storageBytes` of workgroup storage
 * (the device's maxComputeWorkgroupStorageSize; WebGPU guarantees 16384 bytes: LSTM 682,
 * GRU 1023, RNN 2047). Beyond it the op throws a ModelError rather than a driver failing the
 * pipeline (TF.js would then return garbage).
 */
export function maxHidden(cell: WgslCell, storageBytes: number): number {
  let h = Math.floor(storageBytes / 4 / workgroupFloatsPerUnit(cell));
  while (h > 0 && workgroupBytes(cell, h) > storageBytes) h--;
  return h;
}

export interface SweepDims {
  batch: number;
  time: number;
  hidden: number;
}

/** The batch and time sizes as uniforms, so one compiled pipeline serves every batch and length. */
function dimsUniforms({ batch, time }: SweepDims): { type: string; data: number[] }[] {
  return [{ type: 'int32', data: [batch] }, { type: 'int32', data: [time] }];
}

function prelude(cell: WgslCell, hidden: number, workgroupSize: number): string {
  return `
  const H : i32 = ${hidden};
  const GH : i32 = ${cell.gates * hidden};
  const S : i32 = ${cell.saved};
  const WG : i32 = ${workgroupSize};

  fn sigmoid(v : f32) -> f32 { return 1.0 / (1.0 + exp(-v)); }
  // From exp(−2|v|) ≤ 1: never inf/inf at large |v|, which some drivers' tanh return as NaN.
  fn tanhOf(v : f32) -> f32 { let e = exp(-2.0 * abs(v)); return sign(v) * (1.0 - e) / (1.0 + e); }
  // The batch row of this workgroup, also if TF.js spread a long dispatch over y and z.
  var<workgroup> sequence : i32;
  fn sequenceIndex() -> i32 {
    return i32((workgroupId.z * numWorkgroups.y + workgroupId.y) * numWorkgroups.x + workgroupId.x);
  }`;
}

/** dL/dh_{t−1}[k] += Σ_j dpre_j·Uᵀ[j, k], one thread per unit. */
const sumWhole = `
        for (var k = tid; k < H; k += WG) {
          var acc = 0.0;
          for (var j = 0; j < GH; j++) { acc = acc + dpre[j] * recT[j * H + k]; }
          dhNext[k] = dhNext[k] + acc;
        }`;

/** The same sum, `parts` threads per unit (thread p·H + k sums j ≡ p mod parts), then one adds the parts. */
function sumInParts(parts: number): string {
  return `
        if (tid < ${parts} * H) {
          let k = tid % H;
          var acc = 0.0;
          for (var j = tid / H; j < GH; j += ${parts}) { acc = acc + dpre[j] * recT[j * H + k]; }
          partial[tid] = acc;
        }
        workgroupBarrier();
        for (var k = tid; k < H; k += WG) {
          var acc = dhNext[k];
          for (var p = 0; p < ${parts}; p++) { acc = acc + partial[p * H + k]; }
          dhNext[k] = acc;
        }`;
}

/** Where saved values start in the trace: after the states [batch, time, hidden]. */
const SAVED_BASE = 'uniforms.batch * uniforms.time * H';

/**
 * The forward sweep over projected inputs proj [B, T, G·H] (x·kernel, no bias), recurrent U
 * [H, G·H] and bias [G·H]. Output, one flat buffer (a program has one): the trace, every state
 * h [B, T, H] followed by the saved values [B, T, saved·H] that the backward sweep reads.
 */
export function forwardProgram(kind: string, cell: WgslCell, dims: SweepDims): { program: WebGPUProgram; uniforms: { type: string; data: number[] }[] } {
  const { batch, time, hidden: H } = dims;
  const workgroupSize = workgroupSizeFor(cell.gates * H);
  const carry = cell.carries ? `var<workgroup> carry : array<f32, H>;` : '';
  const program: WebGPUProgram = {
    variableNames: ['proj', 'rec', 'bias'],
    outputShape: [batch * time * (1 + cell.saved) * H],
    shaderKey: `fusedRecurrenceForward_${kind}_${H}_${workgroupSize}`,
    dispatchLayout: { x: [0] },
    dispatch: [batch, 1, 1],
    workgroupSize: [workgroupSize, 1, 1],
    uniforms: 'batch : i32, time : i32,',
    getUserCode: () => `
  ${prelude(cell, H, workgroupSize)}
  var<workgroup> hPrev : array<f32, H>;
  var<workgroup> pre : array<f32, GH>;
  ${carry}

  fn save(row : i32, q : i32, k : i32, v : f32) { result[${SAVED_BASE} + (row * S + q) * H + k] = v; }

  fn main(index : i32) {
    // Through workgroup memory so that WGSL's uniformity analysis sees b as uniform (TF.js keeps
    // workgroupId in a private variable), which the barriers below need.
    if (localIndex == 0u) { sequence = sequenceIndex(); }
    let b = workgroupUniformLoad(&sequence);
    if (b >= uniforms.batch) { return; }
    let tid = i32(localId.x);
    let T = uniforms.time;
    for (var k = tid; k < H; k += WG) {
      hPrev[k] = 0.0;
      ${cell.carries ? 'carry[k] = 0.0;' : ''}
    }
    workgroupBarrier();
    for (var t = 0; t < T; t++) {
      let row = b * T + t;
      let xo = row * GH;
      for (var j = tid; j < GH; j += WG) {
        var acc = 0.0;
        for (var m = 0; m < H; m++) { acc = acc + hPrev[m] * rec[m * GH + j]; }
        pre[j] = bias[j] + acc;
      }
      workgroupBarrier();
      for (var k = tid; k < H; k += WG) {
        var hNew = 0.0;
        ${cell.forward}
        hPrev[k] = hNew;
        result[row * H + k] = hNew;
      }
      workgroupBarrier();
    }
  }`,
  };
  return { program, uniforms: dimsUniforms(dims) };
}

/**
 * Backpropagation through time over the forward trace, from dy = dL/dh: every state's
 * [B, T, H] when `all`, else the last state's [B, H]; recT is Uᵀ [G·H, H] (so the sum phase
 * reads neighbouring words across threads). Output, flat: dL/d(bias + h_{t−1}·U) for every
 * row [B, T, G·H] (dpre), then for GRU dL/d(projected) [B, T, G·H] (elsewhere equal to dpre).
 */
export function backwardProgram(kind: string, cell: WgslCell, dims: SweepDims, all: boolean): { program: WebGPUProgram; uniforms: { type: string; data: number[] }[] } {
  const { batch, time, hidden: H } = dims;
  const width = cell.gates * H;
  const workgroupSize = workgroupSizeFor(width);
  const parts = sumPartsFor(H, workgroupSize);
  const carry = cell.carries ? `var<workgroup> carry : array<f32, H>;` : '';
  const dyAt = all ? 'dy[row * H + k]' : 'select(0.0, dy[b * H + k], t == T - 1)';
  const program: WebGPUProgram = {
    variableNames: ['dy', 'trace', 'recT'],
    outputShape: [batch * time * width * (cell.dxDiffers ? 2 : 1)],
    shaderKey: `fusedRecurrenceBackward_${kind}_${H}_${workgroupSize}_${all ? 'all' : 'last'}`,
    dispatchLayout: { x: [0] },
    dispatch: [batch, 1, 1],
    workgroupSize: [workgroupSize, 1, 1],
    uniforms: 'batch : i32, time : i32,',
    getUserCode: () => `
  ${prelude(cell, H, workgroupSize)}
  // dL/dh_{t} from step t+1 (direct part + dpre·Uᵀ), then dpre of the current step.
  var<workgroup> dhNext : array<f32, H>;
  var<workgroup> dpre : array<f32, GH>;
  ${carry}
  ${parts > 1 ? `var<workgroup> partial : array<f32, ${parts * H}>;` : ''}

  fn savedAt(row : i32, q : i32, k : i32) -> f32 { return trace[${SAVED_BASE} + (row * S + q) * H + k]; }
  fn stateAt(row : i32, k : i32) -> f32 { return trace[row * H + k]; }
  fn setDpre(row : i32, g : i32, k : i32, v : f32) {
    dpre[g * H + k] = v;
    result[row * GH + g * H + k] = v;
  }
  fn setDx(row : i32, g : i32, k : i32, v : f32) { result[uniforms.batch * uniforms.time * GH + row * GH + g * H + k] = v; }

  fn main(index : i32) {
    // Through workgroup memory so that WGSL's uniformity analysis sees b as uniform (TF.js keeps
    // workgroupId in a private variable), which the barriers below need.
    if (localIndex == 0u) { sequence = sequenceIndex(); }
    let b = workgroupUniformLoad(&sequence);
    if (b >= uniforms.batch) { return; }
    let tid = i32(localId.x);
    let T = uniforms.time;
    for (var k = tid; k < H; k += WG) {
      dhNext[k] = 0.0;
      ${cell.carries ? 'carry[k] = 0.0;' : ''}
    }
    workgroupBarrier();
    for (var s = 0; s < T; s++) {
      let t = T - 1 - s;
      let row = b * T + t;
      for (var k = tid; k < H; k += WG) {
        let dh = ${dyAt} + dhNext[k];
        var direct = 0.0;
        ${cell.backward}
        dhNext[k] = direct;
      }
      workgroupBarrier();
      if (t > 0) {
        ${parts > 1 ? sumInParts(parts) : sumWhole}
      }
      workgroupBarrier();
    }
  }`,
  };
  return { program, uniforms: dimsUniforms(dims) };
}
