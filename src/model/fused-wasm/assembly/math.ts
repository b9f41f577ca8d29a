// exp, the logistic sigmoid and tanh on four f32 lanes at once. The standard library's
// Mathf.exp/tanh are scalar and exact to the last bit, and took ~40 % of an LSTM training
// step; these are Cephes' expf (range reduction by ln 2 in two parts, a degree-5 polynomial,
// the power of two built in the exponent bits): relative error ≲ 2e-7, well inside the
// recurrence's tolerances against the Float64 reference.

// Beyond ±88 e^x leaves float32's range; clamping keeps sigmoid and tanh at their limits.
const HI: f32 = 88.3762626647949;
const LO: f32 = -87.3365447504019;
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

@inline function poly(r: v128): v128 {
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  return f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
}

/** e^x per lane. */
@inline export function expv(x: v128): v128 {
  const v = f32x4.max(f32x4.min(x, f32x4.splat(HI)), f32x4.splat(LO));
  const n = f32x4.nearest(f32x4.mul(v, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(v, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(poly(r), scale);
}

/** 1 / (1 + e^−x) per lane. */
@inline export function sigmoidv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

/** tanh x = 1 − 2 / (e^2x + 1) per lane: exact limits ±1; absolute error ≲ 1e-7 near 0. */
@inline export function tanhv(x: v128): v128 {
  return f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(expv(f32x4.add(x, x)), f32x4.splat(1))));
}

/** The same functions for one value (the hidden units past the last multiple of four). */
@inline export function sigmoid1(x: f32): f32 {
  return f32x4.extract_lane(sigmoidv(f32x4.splat(x)), 0);
}

@inline export function tanh1(x: f32): f32 {
  return f32x4.extract_lane(tanhv(f32x4.splat(x)), 0);
}
