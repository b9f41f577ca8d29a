import type { StopReason } from '../jobs/types.js';
import { MISSING } from '../util/table-text.js';
import { PAPER_TABLE1, type PaperDataset, type PaperModel } from './table1.js';
import { notesFor, type TableNote } from './table-notes.js';

/** One row of table.tsv: our scores beside the paper's. */
export interface PaperRow {
  dataset: PaperDataset;
  model: PaperModel;
  wjac: number;
  euc: number;
  /** Test accuracy, %. */
  acc: number;
  tsrWjac: number;
  tsrEuc: number;
  epochs: number;
  trainSeconds: number;
  /** Why training ended before its last epoch (the run's summary.stopReason); null when it ran them all. */
  stopReason: StopReason | null;
}

// New columns go last, so that a reader indexing the older ones keeps working.
const COLUMNS = ['dataset', 'model', 'wjac', 'euc', 'acc', 'paper_wjac', 'paper_euc', 'paper_acc', 'tsr_wjac', 'tsr_euc', 'epochs', 'train_seconds', 'stop', 'note'];

/**
 * table.tsv: a header and one line per (dataset, model), numbers to 3 decimals (accuracy to 1).
 * `stop` is why training ended (`train-accuracy`, `patience`, or `max-epochs`); `note` holds the
 * full text of the rows' notes (TABLE_NOTES), so the file explains itself, and is empty for the
 * others: one tab-free cell, unlike a footnote line that would break the table's shape.
 */
export function formatTableTsv(rows: readonly PaperRow[]): string {
  return [COLUMNS.join('\t'), ...rows.map((r) => [...cells(r), notesFor(r.dataset).map((n) => n.text).join(' ')].join('\t'))].join('\n') + '\n';
}

/**
 * The same table aligned for a terminal or a Markdown file: a row with notes gets a marker
 * after its dataset ("mixed [1]"), and the notes follow the table, numbered in order of first use.
 */
export function formatTableMarkdown(rows: readonly PaperRow[]): string {
  const head = ['dataset', 'model', 'WJac', 'Euc', 'acc %', 'paper WJac', 'paper Euc', 'paper acc %', 'TSR WJac', 'TSR Euc', 'epochs', 'train s', 'stop'];
  const used: TableNote[] = [];
  const marked = rows.map((r) => {
    const [dataset, ...rest] = cells(r);
    const markers = notesFor(r.dataset).map((n) => {
      if (!used.includes(n)) used.push(n);
      return `[${used.indexOf(n) + 1}]`;
    });
    return [[dataset, ...markers].join(' '), ...rest];
  });
  const table = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...marked.map((c) => `| ${c.join(' | ')} |`)].join('\n') + '\n';
  return used.length === 0 ? table : `${table}\n${used.map((n, i) => `[${i + 1}] ${n.text}`).join('\n\n')}\n`;
}

/** The `stop` column: why training ended, in one word. */
export function stopCell(reason: StopReason | null): string {
  return reason === null ? 'max-epochs' : reason.kind;
}

function cells(r: PaperRow): string[] {
  const paper = PAPER_TABLE1[r.model][r.dataset];
  const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : MISSING);
  return [
    r.dataset, r.model, f3(r.wjac), f3(r.euc), r.acc.toFixed(1), f3(paper.wjac), f3(paper.euc), paper.acc.toFixed(1),
    f3(r.tsrWjac), f3(r.tsrEuc), String(r.epochs), r.trainSeconds.toFixed(0), stopCell(r.stopReason),
  ];
}
