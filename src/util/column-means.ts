/**
 * The mean of each column of a row-major [rows × cols] table, over the chosen `rows` (default
 * all, in order) whose value in that column is not NaN: NaN marks a skipped row (a sample
 * whose map had no saliency), so it must not pull the mean; a column with no such row is NaN.
 * Sums are float64, whatever the table's type.
 */
export function columnMeans(table: ArrayLike<number>, cols: number, rows?: readonly number[]): Float64Array {
  const sum = new Float64Array(cols);
  const count = new Float64Array(cols);
  const add = (r: number) => {
    for (let j = 0, i = r * cols; j < cols; j++, i++) {
      const v = table[i];
      if (!Number.isNaN(v)) {
        sum[j] += v;
        count[j]++;
      }
    }
  };
  if (rows) rows.forEach(add);
  else for (let r = 0; r < table.length / cols; r++) add(r);
  return sum.map((s, j) => (count[j] > 0 ? s / count[j] : NaN));
}
