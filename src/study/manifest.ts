import path from 'node:path';
import { StudyError } from '../errors.js';
import { readTable, requireColumn } from '../util/table.js';
import { normalizeRuns, type RunInput, type RunSpec } from './runs.js';

/**
 * Reads a run manifest (TSV/CSV) with columns `file`, `subject`, `task` and optionally
 * `session`, `run`, `events`, `tr`. Paths are relative to the manifest's folder; empty or
 * `n/a` cells mean "none".
 */
export async function readRunManifest(file: string): Promise<RunSpec[]> {
  const table = await readTable(file);
  const col = {
    file: requireColumn(table, 'file'),
    subject: requireColumn(table, 'subject'),
    task: requireColumn(table, 'task'),
    session: table.columns.indexOf('session'),
    run: table.columns.indexOf('run'),
    events: table.columns.indexOf('events'),
    tr: table.columns.indexOf('tr'),
  };
  const cell = (row: string[], i: number) => {
    const v = i < 0 ? '' : row[i].trim();
    return v === '' || v === 'n/a' ? null : v;
  };
  const inputs: RunInput[] = table.rows.map((row, i) => {
    const trText = cell(row, col.tr);
    const tr = trText === null ? null : Number(trText);
    if (tr !== null && !(Number.isFinite(tr) && tr > 0)) {
      throw new StudyError('STUDY_MANIFEST_TR', file, `line ${i + 2}, column tr`, trText, 'a repetition time in seconds > 0, or empty');
    }
    for (const key of ['file', 'subject', 'task'] as const) {
      if (cell(row, col[key]) === null) throw new StudyError('STUDY_MANIFEST_FIELD', file, `line ${i + 2}, column ${key}`, row[col[key]], `a non-empty ${key}`);
    }
    return {
      file: row[col.file].trim(), subject: row[col.subject].trim(), task: row[col.task].trim(),
      session: cell(row, col.session), run: cell(row, col.run), events: cell(row, col.events), tr,
    };
  });
  return normalizeRuns(inputs, path.dirname(path.resolve(file)), file);
}
