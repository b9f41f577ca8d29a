import * as tf from '@tensorflow/tfjs-core';
import type { SequenceClassifier } from '../../src/model/types.js';
import { scoreAgainstMasks, type GroundTruthScores } from '../../src/saliency/ground-truth.js';
import { computeSaliency } from '../../src/saliency/methods/index.js';
import type { SynthDataset } from '../../src/synth/index.js';
import { pickRows } from '../../src/util/rows.js';

/**
 * What reproduce-paper scores per cell: gradient saliency |∂p_c/∂x| of the true class, from the
 * whole 100-step input (the normal forward, as the official saliency.py calls the model with
 * length 100), on the test samples, against their boxes (WJac, Euc of saliency/ground-truth.ts).
 */
export async function gradientScores(model: SequenceClassifier, synth: SynthDataset, test: readonly number[], batchSize: number): Promise<GroundTruthScores> {
  const { dataset, mask } = synth;
  const cells = dataset.window * dataset.regions.length;
  const samples = { data: pickRows(dataset.data, test, cells), samples: test.length, time: dataset.window, features: dataset.regions.length };
  const labels = test.map((s) => dataset.samples[s].label);
  const result = await computeSaliency('grad', (x) => tf.softmax(model.logits(x, false)), samples, { kind: 'true', labels }, {}, { batchSize });
  return scoreAgainstMasks(result.maps, pickRows(mask, test, cells));
}
