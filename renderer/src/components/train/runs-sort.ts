import type { RunRow } from '../../types.js';
import { modelText } from './train-form.js';

/** The runs table's columns, in order, with their headers. */
export const RUN_COLUMNS = [
  { key: 'name', title: 'Run' },
  { key: 'model', title: 'Model' },
  { key: 'settings', title: 'Settings' },
  { key: 'backend', title: 'Backend' },
  { key: 'epochs', title: 'Epochs' },
  { key: 'bestEpoch', title: 'Best epoch' },
  { key: 'valAccuracy', title: 'Validation acc.' },
  { key: 'testAccuracy', title: 'Test acc.' },
  { key: 'wallSeconds', title: 'Wall time' },
  { key: 'status', title: 'Status' },
] as const;

export type RunColumn = (typeof RUN_COLUMNS)[number]['key'];
export type SortDirection = 'asc' | 'desc';

/** The model in a few words, or '' for a run whose settings could not be read. */
export function runModelText(r: RunRow): string {
  return r.model ? modelText(r.model) : '';
}

/** The settings that tell runs apart, in one line. */
export function runSettingsText(r: RunRow): string {
  const parts: string[] = [];
  if (r.model) {
    parts.push(`hidden ${r.model.hidden}`);
    if (r.model.attention === 'input-cell') parts.push(`d_a ${r.model.attentionDim}`, `r ${r.model.hops}`);
    parts.push(`dropout ${r.model.inputDropout}/${r.model.hiddenDropout}`);
  }
  if (r.training) parts.push(`lr ${r.training.learningRate}`, `batch ${r.training.batchSize}`, `patience ${r.training.patience} (${r.training.monitor})`);
  return parts.join(', ');
}

function sortValue(r: RunRow, column: RunColumn): string | number | undefined {
  switch (column) {
    case 'model': return runModelText(r) || undefined;
    case 'settings': return runSettingsText(r) || undefined;
    default: return r[column];
  }
}

/**
 * The rows ordered by one column; runs without a value there (unreadable or unfinished) go
 * last in either direction, ties keep the name order.
 */
export function sortRuns(rows: readonly RunRow[], column: RunColumn, direction: SortDirection): RunRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    if (x === undefined || y === undefined) return x === y ? a.name.localeCompare(b.name) : x === undefined ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}
