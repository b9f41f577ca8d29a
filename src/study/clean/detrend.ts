/**
 * Removes the mean and the linear trend of a series in place, as nilearn's `_detrend`: the
 * projection on the centred, unit-norm ramp 0, 1, …, n−1 is subtracted after the mean.
 */
export function detrendInPlace(x: Float64Array): void {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  for (let i = 0; i < n; i++) x[i] -= mean;
  const centre = (n - 1) / 2;
  let norm = 0;
  for (let i = 0; i < n; i++) norm += (i - centre) ** 2;
  norm = Math.sqrt(norm);
  const scale = norm < Number.EPSILON ? 1 : norm;
  let dot = 0;
  for (let i = 0; i < n; i++) dot += ((i - centre) / scale) * x[i];
  for (let i = 0; i < n; i++) x[i] -= ((i - centre) / scale) * dot;
}
