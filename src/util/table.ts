import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError, StudyError } from '../errors.js';

/** A delimited text table: header names and string cells, one row per record. */
export interface Table {
  file: string;
  columns: string[];
  rows: string[][];
}

/** Picks the delimiter from the extension (.tsv/.txt → tab, .csv → comma), else by sniffing. */
export function delimiterFor(file: string, firstLine: string): string {
  if (/\.tsv$/i.test(file)) return '\t';
  if (/\.csv$/i.test(file)) return ',';
  return firstLine.includes('\t') ? '\t' : ',';
}

/**
 * Reads a TSV/CSV file with a header row. Ragged rows are an error naming the line, since a
 * silently shifted column would give wrong numbers.
 */
export async function readTable(file: string, ErrorType: typeof InputError = StudyError): Promise<Table> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return parseTable(text, file, ErrorType);
}

/** Parses table text (see `readTable`). */
export function parseTable(text: string, file: string, ErrorType: typeof InputError = StudyError): Table {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = delimiterFor(file, firstLine);
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_quotes: true, trim: delimiter === ',' });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ErrorType('TABLE_SYNTAX', file, 'contents', msg, `well-formed ${delimiter === '\t' ? 'tab' : 'comma'}-separated text`);
  }
  if (records.length === 0) throw new ErrorType('TABLE_EMPTY', file, 'header row', 'none', 'a header row naming the columns');
  const [columns, ...rows] = records;
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new ErrorType('TABLE_RAGGED', file, `line ${i + 2}`, `${row.length} cells`, `${columns.length} cells, one per header column`);
    }
  });
  return { file, columns: columns.map((c) => c.trim()), rows };
}

/** Index of a required column, or a specific error listing the columns found. */
export function requireColumn(table: Table, name: string, ErrorType: typeof InputError = StudyError): number {
  const i = table.columns.indexOf(name);
  if (i < 0) {
    throw new ErrorType('TABLE_COLUMN', table.file, 'columns', table.columns, `a column named "${name}"`);
  }
  return i;
}
