import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../src/model/types.js';

/** The benchmark's shape: the batch 32, T 100, N 100, hidden 64, two classes. */
export const SHAPE = { batch: 32, steps: 100, features: 100, hidden: 64, classes: 2 } as const;

/** The two models measured, by the name the table uses. */
export const BENCH_MODELS = ['lstm', 'lstm-attention'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];

/** LSTM, or LSTM with the official (`mean`) input-cell attention: d_a 50, r 20, dropout 0.1. */
export function benchConfig(model: BenchModel): ModelConfig {
  return {
    ...DEFAULT_MODEL_CONFIG,
    cell: 'lstm',
    attention: model === 'lstm' ? 'none' : 'input-cell',
    variant: 'mean',
    inputSize: SHAPE.features,
    hidden: SHAPE.hidden,
    classes: SHAPE.classes,
  };
}

/** Milliseconds of each timed step, after warm-up. */
export interface StepTimes {
  medianMs: number;
  minMs: number;
  stepsMs: number[];
  /** Loss of the last step, a sanity check that training moved. */
  loss: number;
}

export function summarize(stepsMs: number[], loss: number): StepTimes {
  const sorted = stepsMs.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianMs, minMs: sorted[0], stepsMs, loss };
}
