/** Field separator of a delimited table. */
export type Separator = '\t' | ',';

/** Missing values: what pandas (`read_csv`) and R (`read.delim`/`read.csv`) read as NaN/NA by default. */
export const NA = 'NA';

/** A number as text that reads back to the same double; NaN and ±Infinity are NA. */
export function numberCell(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return NA;
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * A text cell, quoted CSV-style (doubling inner quotes) when it holds the separator, a quote
 * or a line break: pandas and R both honour `"` quotes in tab- and comma-separated files.
 */
export function textCell(s: string, sep: Separator): string {
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Header plus rows, one line each, `\n`-terminated; header names are quoted like text cells. */
export function tableText(columns: string[], rows: string[][], sep: Separator): string {
  return [columns.map((c) => textCell(c, sep)), ...rows].map((r) => r.join(sep) + '\n').join('');
}
