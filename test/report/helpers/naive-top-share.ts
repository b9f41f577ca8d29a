/**
 * Reference for the per-region ON share, in Float64 and written apart from src: for region r
 * and each sample, the top m = max(1, round(q·T)) steps by |map| (places at the cut-off value
 * shared equally by the steps tied there); the share of those places that are ON; mean over samples.
 */
export function naiveRegionOnShare(maps: Float32Array, samples: number, time: number, regions: number, on: Uint8Array, q: number): number[] {
  const m = Math.max(1, Math.round(q * time));
  const out: number[] = [];
  for (let r = 0; r < regions; r++) {
    let total = 0;
    for (let n = 0; n < samples; n++) {
      const steps = Array.from({ length: time }, (_, t) => ({ v: Math.abs(maps[(n * time + t) * regions + r]), on: on[n * time + t] }));
      const cut = [...steps].sort((a, b) => b.v - a.v)[m - 1].v;
      const above = steps.filter((s) => s.v > cut);
      const tied = steps.filter((s) => s.v === cut);
      const places = m - above.length;
      const onPlaces = above.filter((s) => s.on).length + (places * tied.filter((s) => s.on).length) / tied.length;
      total += onPlaces / m;
    }
    out.push(total / samples);
  }
  return out;
}
