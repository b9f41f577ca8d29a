/**
 * The two numbers per (sequence, hop, step) that the whole prefix softmax reduces to. With
 * D_t = Σ_{j≤t} e^{s_j} (never formed: it overflows), the weight of step j in prefix t is
 * a_{t,j} = e^{s_j}/D_t, and
 *   α_t = a_{t,t} = e^{s_t}/D_t        (the newest step's share of prefix t),
 *   β_t = D_{t−1}/D_t = 1 − α_t        (how prefix t−1's weights shrink at step t),
 * so a_{t,j} = α_j·β_{j+1}···β_t and the prefix means follow M_t = β_t·M_{t−1} + α_t·x_t.
 */
export interface PrefixWeights {
  /** [rows, time], rows = batch·hops, Float64. */
  alpha: Float64Array;
  /** [rows, time]; β_0 = 0 (there is no earlier prefix). */
  beta: Float64Array;
}

/**
 * α and β from scores [rows, time] by online softmax, exactly as prefixByScan: the running
 * sum Z_t = Σ_{j≤t} e^{s_j − m_t} is kept relative to the running maximum m_t, so Z_t ≥ 1 and
 * nothing overflows; the shares are ratios of such sums, in [0, 1], and underflow only
 * where their true value is below e^−700. β is formed as its own ratio, not as 1 − α, so a
 * tiny β keeps its relative precision.
 */
export function prefixWeights(scores: Float32Array, rows: number, time: number): PrefixWeights {
  const alpha = new Float64Array(rows * time);
  const beta = new Float64Array(rows * time);
  for (let row = 0; row < rows; row++) {
    const o = row * time;
    let m = scores[o];
    let z = 1;
    alpha[o] = 1;
    for (let t = 1; t < time; t++) {
      const s = scores[o + t];
      const mNext = s > m ? s : m;
      const kept = z * Math.exp(m - mNext);
      const fresh = Math.exp(s - mNext);
      z = kept + fresh;
      m = mNext;
      alpha[o + t] = fresh / z;
      beta[o + t] = kept / z;
    }
  }
  return { alpha, beta };
}
