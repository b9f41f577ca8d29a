import { MISSING } from '../util/table-text.js';
import { PAPER_TABLE1, type PaperDataset, type PaperModel } from './table1.js';

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
}

const COLUMNS = ['dataset', 'model', 'wjac', 'euc', 'acc', 'paper_wjac', 'paper_euc', 'paper_acc', 'tsr_wjac', 'tsr_euc', 'epochs', 'train_seconds'];

/** table.tsv: a header and one line per (dataset, model), numbers to 3 decimals (accuracy to 1). */
export function formatTableTsv(rows: readonly PaperRow[]): string {
  return [COLUMNS.join('\t'), ...rows.map((r) => cells(r).join('\t'))].join('\n') + '\n';
}

/** The same table aligned for a terminal or a Markdown file. */
export function formatTableMarkdown(rows: readonly PaperRow[]): string {
  const head = ['dataset', 'model', 'WJac', 'Euc', 'acc %', 'paper WJac', 'paper Euc', 'paper acc %', 'TSR WJac', 'TSR Euc', 'epochs', 'train s'];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cells(r).join(' | ')} |`)].join('\n') + '\n';
}

function cells(r: PaperRow): string[] {
  const paper = PAPER_TABLE1[r.model][r.dataset];
  const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : MISSING);
  return [r.dataset, r.model, f3(r.wjac), f3(r.euc), r.acc.toFixed(1), f3(paper.wjac), f3(paper.euc), paper.acc.toFixed(1), f3(r.tsrWjac), f3(r.tsrEuc), String(r.epochs), r.trainSeconds.toFixed(0)];
}
