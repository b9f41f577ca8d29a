import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shared } from '../../helpers/shared-data.js';

/** The nilearn-0.14 reference cases in ../shared/data/signal (see its README). */
export const SIGNAL_DIR = shared('signal');

export interface Table {
  columns: string[];
  /** One Float64Array per column; `n/a` → NaN. */
  data: Float64Array[];
}

/** Reads a TSV with a header row, numbers parsed with Number() (correctly rounded), `n/a` as NaN. */
export function readTsv(file: string): Table {
  const lines = readFileSync(join(SIGNAL_DIR, file), 'utf8').split('\n').filter((l) => l.length > 0);
  const columns = lines[0].split('\t');
  const data = columns.map(() => new Float64Array(lines.length - 1));
  lines.slice(1).forEach((line, r) => {
    line.split('\t').forEach((cell, c) => (data[c][r] = cell === 'n/a' ? NaN : Number(cell)));
  });
  return { columns, data };
}

export function column(table: Table, name: string): Float64Array {
  const i = table.columns.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return table.data[i];
}

export interface SignalCase {
  name: string;
  params: Record<string, unknown>;
  matches_nilearn_0_14_0: boolean;
  confounds?: { from: string; columns: string[] };
  sample_mask?: number[];
  load_confounds_strategy?: Record<string, unknown>;
  loaded_confounds_columns?: string[];
  loaded_confounds_rows_0_to_2?: number[][];
  loaded_confounds_sum_over_all_volumes?: number[];
  loaded_confounds_sum_of_squares?: number[];
  censored_volumes?: number[];
  output: string;
  output_rows: number;
}

export const CASES: SignalCase[] = JSON.parse(readFileSync(join(SIGNAL_DIR, 'cases.json'), 'utf8')).cases;
