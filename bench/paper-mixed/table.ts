import { PAPER_TABLE1, type PaperModel } from '../../src/paper/table1.js';

/** One model of the emulation, as the table shows it. */
export interface EmulationRow {
  model: PaperModel;
  /** Training seed. */
  seed: number;
  /** Test accuracy (%) of the kept checkpoint with the normal 100-step forward. */
  accAt100: number;
  /** The same checkpoint's test accuracy (%) read out at step Type − 1: the score it was kept for. */
  accAtType: number;
  wjac: number;
  euc: number;
  /** Where the kept checkpoint came from, and how long training ran. */
  bestEpoch: number;
  bestBatch: number;
  epochs: number;
  trainSeconds: number;
}

/** The emulation beside the paper's Mixed row of Table 1. */
export function formatEmulationTable(rows: readonly EmulationRow[]): string {
  const seeds = new Set(rows.map((r) => r.seed)).size > 1;
  const head = [...(seeds ? ['seed'] : []), 'model', 'trained at', 'test acc % (at 100)', 'paper acc %', 'WJac', 'paper WJac', 'Euc', 'paper Euc', 'test acc % (at Type−1)', 'kept (epoch/batch)', 'epochs', 'train s'];
  const lines = rows.map((r) => {
    const paper = PAPER_TABLE1[r.model].mixed;
    return [...(seeds ? [String(r.seed)] : []), r.model, 'step Type−1', r.accAt100.toFixed(1), paper.acc.toFixed(1), r.wjac.toFixed(3), paper.wjac.toFixed(3), r.euc.toFixed(3), paper.euc.toFixed(3), r.accAtType.toFixed(1), `${r.bestEpoch}/${r.bestBatch}`, String(r.epochs), r.trainSeconds.toFixed(0)];
  });
  return [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}
