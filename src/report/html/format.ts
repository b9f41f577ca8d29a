/** A number with `digits` decimals; NaN and ±∞ as an em dash (no value), never "NaN". */
export function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/** A share in [0, 1] as a percentage with `digits` decimals. */
export function percent(v: number, digits = 1): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(digits)} %` : '—';
}

/** Seconds for people: `42 s`, `3.5 min`, `1.2 h`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Compact number for seconds and TRs: at most 3 decimals, no trailing zeros. */
export function short(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '—';
}

/** Region indices ordered by importance rank (1 first). */
export function byRank(rank: Int32Array): number[] {
  return Array.from(rank.keys()).sort((a, b) => rank[a] - rank[b]);
}
