import * as tf from '@tensorflow/tfjs-core';
import { dot, transpose } from './dot.js';

/** x ↦ x·M for a batch of rows x [batch, rows], with M [rows, cols] fixed for one pass. */
export type ProductFactory = (m: Float32Array, rows: number, cols: number) => RowProduct;

export interface RowProduct {
  /** Writes x·M, [batch, cols], into `out`. */
  apply(x: Float32Array, batch: number, out: Float32Array): void;
  dispose(): void;
}

/** In plain JS: one contiguous Float64 dot per output entry (M is kept transposed). */
export function jsProduct(m: Float32Array, rows: number, cols: number): RowProduct {
  const mT = transpose(m, rows, cols, new Float64Array(m.length));
  const row = new Float64Array(rows);
  return {
    apply(x, batch, out) {
      for (let b = 0; b < batch; b++) {
        for (let k = 0; k < rows; k++) row[k] = x[b * rows + k];
        for (let j = 0; j < cols; j++) out[b * cols + j] = dot(row, mT, j * rows, rows);
      }
    },
    dispose() {},
  };
}

/** By the active backend's matMul (XNNPACK on wasm): two small tensors and one read per call. */
export function tfProduct(m: Float32Array, rows: number, cols: number): RowProduct {
  const matrix = tf.tensor2d(m, [rows, cols]);
  return {
    apply(x, batch, out) {
      const xt = tf.tensor2d(x.subarray(0, batch * rows), [batch, rows]);
      const y = tf.matMul(xt, matrix);
      out.set(y.dataSync());
      tf.dispose([xt, y]);
    },
    dispose: () => matrix.dispose(),
  };
}
