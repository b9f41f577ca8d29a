/** Gradient of f at v by central differences in Float64: (f(v + h·e_i) − f(v − h·e_i)) / 2h. */
export function numericGradient(f: (v: Float64Array) => number, v: ArrayLike<number>, h = 1e-5): Float64Array {
  const at = numericGradientAt(f, v, [...Array(v.length).keys()], h);
  return Float64Array.from({ length: v.length }, (_, i) => at.get(i)!);
}

/** Central differences at the given entries only, for sizes where every entry would be slow. */
export function numericGradientAt(f: (v: Float64Array) => number, v: ArrayLike<number>, entries: number[], h = 1e-5): Map<number, number> {
  const x = Float64Array.from(v);
  const out = new Map<number, number>();
  for (const i of entries) {
    const keep = x[i];
    x[i] = keep + h;
    const up = f(x);
    x[i] = keep - h;
    const down = f(x);
    x[i] = keep;
    out.set(i, (up - down) / (2 * h));
  }
  return out;
}
