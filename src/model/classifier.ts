import * as tf from '@tensorflow/tfjs-core';
import { attentionOutputSize, attentionWeightSpecs, inputCellAttention, type AttentionParams } from './attention.js';
import { CELLS, cellWeightSpecs } from './cells/index.js';
import type { CellParams } from './cells/cell.js';
import { validateModelConfig } from './config.js';
import { SeededDropout } from './dropout.js';
import { ModelError } from './errors.js';
import type { WeightSpec } from './init.js';
import { matMul } from './matmul.js';
import { runRecurrence } from './recurrence.js';
import type { ModelConfig, SequenceClassifier } from './types.js';
import { createVariables, readWeights, writeWeights } from './weights.js';

/** A SequenceClassifier whose dropout stream can be restarted from a seed. */
export interface Classifier extends SequenceClassifier {
  readonly seed: number;
  /**
   * Restarts the dropout masks from `seed`. The engine calls it with a seed per epoch, so the
   * masks depend only on (run seed, epoch) and a resumed run continues exactly.
   */
  reseedDropout(seed: number): void;
}

/** Every weight of a model, in variable order: attention (if any), cell, head. */
export function classifierWeightSpecs(config: ModelConfig): WeightSpec[] {
  const attended = config.attention === 'input-cell';
  const cellInput = attended ? attentionOutputSize(config.variant, config.inputSize, config.hops) : config.inputSize;
  return [
    ...(attended ? attentionWeightSpecs(config.inputSize, config.attentionDim, config.hops) : []),
    ...cellWeightSpecs(config.cell, cellInput, config.hidden),
    { name: 'head/kernel', shape: [config.hidden, config.classes], init: 'glorot' },
    { name: 'head/bias', shape: [config.classes], init: 'zeros' },
  ];
}

/**
 * A recurrent classifier with seeded initial weights: optional input-cell attention → cell
 * recurrence → last hidden state → dropout → dense → logits (softmax left to the loss).
 * Input dropout is applied to x itself, before the attention, as the official code does
 * (net.py drops x before its recurrent module, which holds the attention); hidden dropout
 * to the last hidden state before the head.
 */
export function createClassifier(input: ModelConfig, seed: number): Classifier {
  const config = validateModelConfig(input, 'model config');
  const variables = createVariables(classifierWeightSpecs(config), seed);
  const w = (name: string) => variables.get(name)!;
  const cellParams: CellParams = { kernel: w('cell/kernel') as tf.Tensor2D, recurrent: w('cell/recurrent') as tf.Tensor2D, bias: w('cell/bias') as tf.Tensor1D };
  const attention: AttentionParams | null = config.attention === 'input-cell'
    ? { w1: w('attention/w1') as tf.Tensor2D, b1: w('attention/b1') as tf.Tensor1D, w2: w('attention/w2') as tf.Tensor2D, b2: w('attention/b2') as tf.Tensor1D }
    : null;
  const dropout = new SeededDropout(seed);

  return {
    config,
    seed,
    variables,
    reseedDropout: (s) => dropout.reseed(s),
    logits(x, training) {
      checkInput(x, config);
      const dropped = training ? dropout.apply(x, config.inputDropout) : x;
      const cellInput = attention ? inputCellAttention(dropped, attention, config.variant) : dropped;
      // Training without attention feeds the cell the data itself: no gradient of it is wanted.
      const h = runRecurrence(CELLS[config.cell], cellParams, cellInput, { inputsAreData: training && !attention });
      const hd = training ? dropout.apply(h, config.hiddenDropout) : h;
      return tf.add<tf.Tensor2D>(matMul(hd, w('head/kernel') as tf.Tensor2D), w('head/bias'));
    },
    getWeights: () => readWeights(variables),
    setWeights: (weights) => writeWeights(variables, weights, 'weights'),
    dispose() {
      for (const v of variables.values()) v.dispose();
    },
  };
}

function checkInput(x: tf.Tensor, config: ModelConfig): void {
  const [batch, time, features] = x.shape;
  if (x.rank !== 3 || features !== config.inputSize || batch < 1 || time < 1 || x.dtype !== 'float32') {
    throw new ModelError('MODEL_INPUT_SHAPE', 'model input', 'x', `${x.dtype} [${x.shape.join(', ')}]`, `float32 [batch ≥ 1, time ≥ 1, ${config.inputSize}]`);
  }
}
