import type { SynthKind } from '../synth/index.js';

/** The datasets of Table 1 of Ismail et al. (NeurIPS 2019), in the paper's order. */
export const PAPER_DATASETS = ['earlier', 'middle', 'latter', 'mixed', 'three-earlier', 'three-middle'] as const satisfies readonly SynthKind[];
export type PaperDataset = (typeof PAPER_DATASETS)[number];

/** The two models of the table. */
export const PAPER_MODELS = ['lstm', 'lstm+input-cell'] as const;
export type PaperModel = (typeof PAPER_MODELS)[number];

/** Weighted Jaccard, Euclidean distance and accuracy (%) of gradient saliency against the boxes. */
export interface PaperScores {
  wjac: number;
  euc: number;
  acc: number;
}

/** Table 1 of the paper, as printed. */
export const PAPER_TABLE1: Record<PaperModel, Record<PaperDataset, PaperScores>> = {
  'lstm+input-cell': {
    earlier: { wjac: 0.103, euc: 0.914, acc: 100 },
    middle: { wjac: 0.124, euc: 0.891, acc: 100 },
    latter: { wjac: 0.11, euc: 0.903, acc: 100 },
    mixed: { wjac: 0.104, euc: 0.912, acc: 77.6 },
    'three-earlier': { wjac: 0.108, euc: 0.903, acc: 100 },
    'three-middle': { wjac: 0.106, euc: 0.905, acc: 100 },
  },
  lstm: {
    earlier: { wjac: 0, euc: 1.006, acc: 53.4 },
    middle: { wjac: 0, euc: 1.003, acc: 98.6 },
    latter: { wjac: 0.019, euc: 0.985, acc: 100 },
    mixed: { wjac: 0, euc: 1.003, acc: 49.1 },
    'three-earlier': { wjac: 0, euc: 1.003, acc: 52.2 },
    'three-middle': { wjac: 0, euc: 1.004, acc: 51.8 },
  },
};
