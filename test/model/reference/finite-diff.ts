/** Gradient of f at v by central differences in Float64: (f(v + h·e_i) − f(v − h·e_i)) / 2h. */
export function numericGradient(f: (v: Float64Array) => number, v: ArrayLike<number>, h = 1e-5): Float64Array {
  const at = Float64Array.from(v);
  const grad = new Float64Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const keep = at[i];
    at[i] = keep + h;
    const up = f(at);
    at[i] = keep - h;
    const down = f(at);
    at[i] = keep;
    grad[i] = (up - down) / (2 * h);
  }
  return grad;
}
