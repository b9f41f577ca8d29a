import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatTrainSummary } from '../../src/cli/commands/train-format.js';
import type { TrainSummary } from '../../src/jobs/types.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';

/** The known run's summary, stopped early at epoch 3 of 10 with best epoch 1 (2 epochs without a better score). */
async function stoppedSummary(monitor: TrainSummary['monitor']): Promise<TrainSummary> {
  const { runDir } = await writeKnownRun(await tempDir());
  const summary = JSON.parse(await readFile(path.join(runDir, 'summary.json'), 'utf8')) as TrainSummary;
  return { ...summary, maxEpochs: 10, epochs: 3, bestEpoch: 1, stoppedEarly: true, monitor };
}

describe('the train summary text', () => {
  it.each([
    ['val_loss', 'Epochs: 3 of 10, stopped early (no lower validation loss for 2 epochs); best epoch 1'],
    ['val_accuracy', 'Epochs: 3 of 10, stopped early (no higher validation accuracy for 2 epochs); best epoch 1'],
  ] as const)('says why training stopped early by the monitor (%s)', async (monitor, line) => {
    const text = formatTrainSummary(await stoppedSummary(monitor), 'run');
    expect(text.split('\n')).toContain(line);
  });

  it('starts with the model line, or with the backend line only when one is given', async () => {
    const summary = await stoppedSummary('val_loss');
    expect(formatTrainSummary(summary, 'run').split('\n')[0]).toMatch(/^Model: lstm, no attention, hidden 5;/);
    const lines = formatTrainSummary(summary, 'run', 'backend cpu: asked for').split('\n');
    expect(lines[0]).toBe('backend cpu: asked for');
    expect(lines[1]).toMatch(/^Model: /);
  });
});
