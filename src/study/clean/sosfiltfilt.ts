import type { Section } from './butterworth-design.js';

/** Runs the cascade (direct form II transposed) over `x`, starting from `state` (2 per section, updated). */
function sosfilt(sos: Section[], x: Float64Array, state: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    let v = x[n];
    for (let s = 0; s < sos.length; s++) {
      const [b0, b1, b2, , a1, a2] = sos[s];
      const out = b0 * v + state[2 * s];
      state[2 * s] = b1 * v - a1 * out + state[2 * s + 1];
      state[2 * s + 1] = b2 * v - a2 * out;
      v = out;
    }
    y[n] = v;
  }
  return y;
}

/**
 * Steady-state section states for a unit step input (scipy's `sosfilt_zi`): each section's
 * state solves zi = A·zi + B for its companion matrix, scaled by the DC gain of the sections
 * before it.
 */
export function sosfiltZi(sos: Section[]): Float64Array {
  const zi = new Float64Array(2 * sos.length);
  let scale = 1;
  sos.forEach(([b0, b1, b2, a0, a1, a2], s) => {
    const [nb0, nb1, nb2, na1, na2] = [b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0];
    const B0 = nb1 - na1 * nb0;
    const B1 = nb2 - na2 * nb0;
    const z0 = (B0 + B1) / (1 + na1 + na2);
    zi[2 * s] = scale * z0;
    zi[2 * s + 1] = scale * (B1 - na2 * z0);
    scale *= (b0 + b1 + b2) / (a0 + a1 + a2);
  });
  return zi;
}

/**
 * scipy's default pad length for `sosfiltfilt`: 3 × the number of taps, where sections whose
 * b2 and a2 are both zero count one tap less.
 */
export function defaultPadLength(sos: Section[]): number {
  const b2Zero = sos.filter((s) => s[2] === 0).length;
  const a2Zero = sos.filter((s) => s[5] === 0).length;
  return 3 * (2 * sos.length + 1 - Math.min(b2Zero, a2Zero));
}

/**
 * Zero-phase filtering as scipy's `sosfiltfilt(sos, x, padtype="odd")` with the default pad
 * length: odd extension at both ends, a forward then a backward pass, each started from the
 * steady state for its first sample, so the ends do not ring.
 */
export function sosfiltfilt(sos: Section[], x: Float64Array): Float64Array {
  const edge = defaultPadLength(sos);
  const n = x.length;
  if (n <= edge) throw new RangeError(`sosfiltfilt: ${n} samples; need more than the pad length ${edge}`);
  const ext = new Float64Array(n + 2 * edge);
  for (let i = 0; i < edge; i++) ext[i] = 2 * x[0] - x[edge - i];
  ext.set(x, edge);
  for (let i = 0; i < edge; i++) ext[edge + n + i] = 2 * x[n - 1] - x[n - 2 - i];
  const zi = sosfiltZi(sos);
  const forward = sosfilt(sos, ext, zi.map((v) => v * ext[0]));
  forward.reverse();
  const backward = sosfilt(sos, forward, zi.map((v) => v * forward[0]));
  backward.reverse();
  return backward.slice(edge, edge + n);
}
