import { readFile } from 'node:fs/promises';
import { StudyError } from '../../errors.js';

/** An fMRIPrep confounds table: every column as numbers (`n/a` → NaN), in the file's column order. */
export interface ConfoundsTable {
  file: string;
  columns: string[];
  values: Map<string, Float64Array>;
  volumes: number;
}

/** Cells pandas reads as missing; fMRIPrep writes `n/a`. */
const MISSING = new Set(['n/a', 'NaN', 'nan']);

/**
 * Reads `*_desc-confounds_timeseries.tsv`. Every cell must be a number or `n/a`; a ragged row,
 * an empty cell, a repeated or missing header name is refused with the line and column, because
 * a silently shifted column would regress the wrong confound out.
 */
export async function readConfoundsTable(file: string): Promise<ConfoundsTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StudyError('CONFOUNDS_UNREADABLE', file, 'confounds file', code ?? String(err),
      code === 'ENOENT' ? 'an fMRIPrep *_desc-confounds_timeseries.tsv at this path' : 'a readable file');
  }
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new StudyError('CONFOUNDS_TSV', file, 'header', 'empty file', 'a tab-separated header of confound names, then one row per volume');
  const columns = lines[0].split('\t');
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (name.trim() === '') throw new StudyError('CONFOUNDS_TSV', file, `header column ${i + 1}`, name, 'a confound name');
    if (seen.has(name)) throw new StudyError('CONFOUNDS_TSV', file, `header column ${i + 1}`, name, 'each confound name once');
    seen.add(name);
  });
  if (!Number.isNaN(Number(columns[0]))) {
    throw new StudyError('CONFOUNDS_TSV', file, 'header', columns[0], 'a header row of confound names (fMRIPrep ≥ 1.2 writes one; this looks like a data row)');
  }
  const volumes = lines.length - 1;
  if (volumes < 2) throw new StudyError('CONFOUNDS_TSV', file, 'rows', volumes, 'at least 2 volumes (row 0 n/a cells are filled from row 1)');
  const data = columns.map(() => new Float64Array(volumes));
  for (let r = 0; r < volumes; r++) {
    const cells = lines[r + 1].split('\t');
    if (cells.length !== columns.length) {
      throw new StudyError('CONFOUNDS_TSV', file, `line ${r + 2}`, `${cells.length} cells`, `${columns.length} cells, one per header name`);
    }
    for (let c = 0; c < cells.length; c++) data[c][r] = parseCell(cells[c], file, r, columns[c]);
  }
  return { file, columns, values: new Map(columns.map((name, i) => [name, data[i]])), volumes };
}

function parseCell(cell: string, file: string, row: number, column: string): number {
  if (MISSING.has(cell)) return Number.NaN;
  const v = cell.trim() === '' ? Number.NaN : Number(cell);
  if (Number.isNaN(v)) throw new StudyError('CONFOUNDS_TSV', file, `line ${row + 2}, column ${column}`, cell, 'a number or n/a');
  return v;
}

/** Metadata of each confound (CompCor's `Mask`, …); null when there is no sidecar. */
export type ConfoundsMetadata = Record<string, Record<string, unknown>>;

/** The `.json` beside a confounds table (same name, `.tsv` → `.json`). */
export function confoundsJsonPath(tsv: string): string {
  return tsv.replace(/\.tsv$/, '.json');
}

/** Reads the confounds sidecar; null when it does not exist, an error when it is not a JSON object. */
export async function readConfoundsJson(file: string): Promise<ConfoundsMetadata | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StudyError('CONFOUNDS_UNREADABLE', file, 'confounds sidecar', code ?? String(err), 'a readable file');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new StudyError('CONFOUNDS_JSON', file, 'JSON', (err as Error).message, 'valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new StudyError('CONFOUNDS_JSON', file, 'top level', Array.isArray(parsed) ? 'an array' : String(parsed), 'an object with one entry per confound');
  }
  return parsed as ConfoundsMetadata;
}
