import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reproduceSettings } from '../../src/app/reproduce-paper.js';
import { selectBackend } from '../../src/model/backend/select.js';
import type { BackendReport } from '../../src/model/backend/types.js';
import { ensurePaperDataset, reproduceCell } from '../../src/paper/reproduce.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

// The official code's optimiser settings (Scripts/trainLSTMModels.py: Adam 1e-3, batch 50) and
// this app's fixed ones, written out rather than taken from DEFAULT_TRAIN_OPTIONS.
const ADAM = { batchSize: 50, learningRate: 1e-3, epsilon: 1e-8, validationFraction: 0.1, monitor: 'val_accuracy' };

describe('reproduceSettings', () => {
  let backend: BackendReport;
  beforeAll(async () => {
    backend = await selectBackend('cpu');
  });

  it('trains the full preset with the paper\'s rule per model: at most 100 epochs (the official code: 400), validation every 10 (LSTM) or 3 (input-cell) batches, stop at 100 % training accuracy, no patience', () => {
    const s = reproduceSettings({ out: 'paper' }, backend);
    expect(s.training).toStrictEqual({
      lstm: { ...ADAM, epochs: 100, seed: 0, patience: 10_000, evaluateEveryBatches: 10, stopAtTrainAccuracy: 1 },
      'lstm+input-cell': { ...ADAM, epochs: 100, seed: 0, patience: 10_000, evaluateEveryBatches: 3, stopAtTrainAccuracy: 1 },
    });
  });

  it('keeps the paper\'s rule under --epochs, --patience and --seed, which replace only their own values', () => {
    const s = reproduceSettings({ out: 'paper', epochs: 50, patience: 7, seed: 3 }, backend);
    expect(s.training.lstm).toStrictEqual({ ...ADAM, epochs: 50, seed: 3, patience: 7, evaluateEveryBatches: 10, stopAtTrainAccuracy: 1 });
    expect(s.training['lstm+input-cell']).toStrictEqual({ ...ADAM, epochs: 50, seed: 3, patience: 7, evaluateEveryBatches: 3, stopAtTrainAccuracy: 1 });
  });

  it('trains the quick preset as before the paper\'s rule: 2 epochs, validated once each, patience 2, for both models', () => {
    const s = reproduceSettings({ out: 'paper', quick: true }, backend);
    const quick = { ...ADAM, epochs: 2, seed: 0, patience: 2 };
    // toStrictEqual: no evaluateEveryBatches or stopAtTrainAccuracy key at all, so a quick
    // run's config.json is the same as before the rule existed.
    expect(s.training).toStrictEqual({ lstm: quick, 'lstm+input-cell': quick });
    expect([s.sampleLimit, s.tsrSamples]).toEqual([{ train: 120, test: 40 }, 8]);
  });
});

describe('reproduceCell with the full preset\'s training', () => {
  it('stores each model\'s own rule in its run\'s config.json and records why it stopped', async () => {
    // The quick run's data (108 training samples after the carved validation share: 3 batches an
    // epoch), 4 epochs so that the LSTM reaches its first evaluation at batch 10; 2 TSR samples.
    const settings = {
      ...reproduceSettings({ out: await suiteTempDir(), epochs: 4, datasets: ['earlier'] }, await selectBackend('cpu')),
      sampleLimit: { train: 120, test: 40 }, tsrSamples: 2,
    };
    const dataDir = await ensurePaperDataset('earlier', settings);
    for (const [model, folder, every] of [['lstm', 'lstm', 10], ['lstm+input-cell', 'lstm-input-cell', 3]] as const) {
      const row = await reproduceCell('earlier', dataDir, model, settings);
      const config = JSON.parse(await readFile(path.join(settings.out, 'earlier', folder, 'config.json'), 'utf8'));
      expect(config.training).toMatchObject({ epochs: 4, patience: 10_000, evaluateEveryBatches: every, stopAtTrainAccuracy: 1, monitor: 'val_accuracy' });
      // No patience: a run ends at its last epoch or once an epoch's training accuracy is 100 %.
      expect(row.stopReason).toEqual(row.epochs === 4 ? null : { kind: 'train-accuracy', target: 1 });
    }
  }, 120_000);
});
