/** Field separator of a delimited table. */
export type Separator = '\t' | ',';

/**
 * Missing values (NaN, ±Infinity, none), in every table we write: `n/a`, the BIDS convention
 * for TSV files, which pandas' `read_csv` (and so nilearn) reads as NaN by default. R's
 * `read.delim` needs `na.strings = "n/a"`.
 */
export const MISSING = 'n/a';

/** A number as text that reads back to the same double; NaN, ±Infinity and null are MISSING. */
export function numberCell(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return MISSING;
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

/** Rows of strings and numbers as TSV text: numbers in full precision, missing ones MISSING. */
export function tsvText(columns: string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => (typeof v === 'string' ? textCell(v, '\t') : numberCell(v));
  return tableText(columns, rows.map((r) => r.map(cell)), '\t');
}
