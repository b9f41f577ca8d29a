/**
 * nilearn's discrete-cosine high-pass basis (`create_cosine_drift` without its constant):
 * sqrt(2/n)·cos(π/n·(t + ½)·k) for k = 1..order, order = min(n − 1, ⌊2·n·highPass·dt⌋),
 * with dt the sampling interval. Returns one column per cosine (possibly none).
 */
export function cosineDrift(highPass: number, volumes: number, tR: number): Float64Array[] {
  const n = volumes;
  const dt = n > 1 ? ((n - 1) * tR - 0) / (n - 1) : tR;
  const order = Math.min(n - 1, Math.floor(2 * n * highPass * dt));
  const normalizer = Math.sqrt(2 / n);
  const columns: Float64Array[] = [];
  for (let k = 1; k <= order; k++) {
    const column = new Float64Array(n);
    for (let t = 0; t < n; t++) column[t] = normalizer * Math.cos((Math.PI / n) * (t + 0.5) * k);
    columns.push(column);
  }
  return columns;
}

/** Pearson correlation of two equal-length series (NaN when either is constant). */
export function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * nilearn's rule for its own cosines: they join the confounds unless one of them correlates
 * (signed, over the full run) above 0.9 with a confound column, which means the user already
 * supplied a high-pass basis (fMRIPrep's `cosineNN`); then none is added.
 */
export function cosinesToAdd(cosines: Float64Array[], confounds: Float64Array[]): Float64Array[] {
  const supplied = cosines.some((c) => confounds.some((k) => correlation(c, k) > 0.9));
  return supplied ? [] : cosines;
}
