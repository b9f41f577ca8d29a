import { StudyError } from '../errors.js';
import { readTable, type Table } from '../util/table.js';

/** Region time series read from a table: one series per column, one value per volume. */
export interface ImportedTimeSeries {
  file: string;
  names: string[];
  volumes: number;
  /** One per region (column order), length = volumes; NaN for missing cells. */
  series: Float64Array[];
  /** Header names of time or index columns left out (an unnamed index column is `""`). */
  droppedColumns: string[];
}

const MISSING = new Set(['', 'nan', 'NaN', 'NA', 'n/a']);
/** Column names exporters give a time axis or row number; never a region's name. */
const TIME_COLUMNS = new Set(['time', 't', 'onset', 'volume', 'vol', 'frame', 'timepoint', 'index']);

/**
 * Reads already-parcellated time series from CSV/TSV: header = region names, one row per
 * volume. Empty, `nan`, `NA` and `n/a` cells are missing values (NaN); anything else that is
 * not a number is an error naming its line and column. Time and index columns (see
 * `parseTimeSeries`) are dropped and listed, so they never become regions.
 */
export async function importTimeSeries(file: string): Promise<ImportedTimeSeries> {
  return parseTimeSeries(await readTable(file));
}

/**
 * Validates a parsed time-series table (see `importTimeSeries`). Dropped: columns named
 * time, t, onset, volume, vol, frame, timepoint or index (any case), and an unnamed first
 * column counting 0, 1, 2, … or 1, 2, 3, … (the row index pandas writes by default).
 */
export function parseTimeSeries(table: Table): ImportedTimeSeries {
  const { file, rows } = table;
  const keep: number[] = [];
  const droppedColumns: string[] = [];
  table.columns.forEach((name, c) => {
    if (TIME_COLUMNS.has(name.toLowerCase()) || (c === 0 && name === '' && isRowCounter(rows))) droppedColumns.push(name);
    else keep.push(c);
  });
  const columns = keep.map((c) => table.columns[c]);
  const firstSeen = new Map<string, number>();
  keep.forEach((c, k) => {
    const name = columns[k];
    if (name === '') throw new StudyError('STUDY_TIMESERIES_HEADER', file, `column ${c + 1} name`, name, 'a region name in every header cell');
    const first = firstSeen.get(name);
    if (first !== undefined) throw new StudyError('STUDY_TIMESERIES_HEADER', file, `column ${c + 1} name`, name, `unique region names (also column ${first + 1})`);
    firstSeen.set(name, c);
  });
  if (columns.length === 0) {
    throw new StudyError('STUDY_TIMESERIES_HEADER', file, 'region columns', 0, `at least one region column besides the time/index columns ${JSON.stringify(droppedColumns)}`);
  }
  if (columns.every((name) => Number.isFinite(Number(name)))) {
    throw new StudyError('STUDY_TIMESERIES_HEADER', file, 'header row', columns.slice(0, 3), 'a header row of region names (the first row is all numbers)');
  }
  if (rows.length === 0) throw new StudyError('STUDY_TIMESERIES_EMPTY', file, 'rows', 0, 'one row per volume');
  const series = keep.map(() => new Float64Array(rows.length));
  rows.forEach((row, t) => {
    keep.forEach((c, k) => {
      const text = row[c].trim();
      const value = MISSING.has(text) ? NaN : Number(text);
      if (!MISSING.has(text) && !Number.isFinite(value)) {
        throw new StudyError('STUDY_TIMESERIES_VALUE', file, `line ${t + 2}, column ${columns[k]}`, text, 'a finite number, or empty / nan / n/a for a missing value');
      }
      series[k][t] = value;
    });
  });
  return { file, names: columns, volumes: rows.length, series, droppedColumns };
}

/** Whether the first cells count rows: 0, 1, 2, … or 1, 2, 3, … */
function isRowCounter(rows: readonly string[][]): boolean {
  if (rows.length === 0) return false;
  const start = Number(rows[0][0].trim());
  return (start === 0 || start === 1) && rows.every((row, t) => row[0].trim() !== '' && Number(row[0].trim()) === start + t);
}
