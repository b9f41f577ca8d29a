import { columnMeans } from '../../util/column-means.js';

/** Mean and spread of each column of a [rows × cols] table across its rows. */
export interface ColumnStats {
  mean: Float64Array;
  /** Sample standard deviation (n − 1); NaN with fewer than two rows. */
  sd: Float64Array;
}

/** Column means and standard deviations over the rows that are not NaN (skipped samples). */
export function columnStats(table: Float64Array, cols: number): ColumnStats {
  const mean = columnMeans(table, cols);
  const sd = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let n = 0;
    let squares = 0;
    for (let i = j; i < table.length; i += cols) {
      if (!Number.isNaN(table[i])) {
        squares += (table[i] - mean[j]) ** 2;
        n++;
      }
    }
    sd[j] = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  }
  return { mean, sd };
}

/** 1-based ranks by descending value; equal values rank by lower index first. */
export function descendingRanks(values: Float64Array): Int32Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const rank = new Int32Array(values.length);
  order.forEach((i, r) => (rank[i] = r + 1));
  return rank;
}
