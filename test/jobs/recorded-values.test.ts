import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetrics, readSummary } from '../../src/jobs/run-dir.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';
import { newRun, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

async function setup(training = {}) {
  const root = await tempDir();
  const data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
  return newRun(path.join(root, 'run'), data, training);
}

describe('what a run records', () => {
  it('writes the live tensor count into metrics.jsonl, the same the epoch event streams (it used to write 0)', async () => {
    const request = await setup({ epochs: 3 });
    const { events } = await trainCollecting(request);
    const streamed = events.flatMap((e) => (e.kind === 'epoch' ? [e.payload.liveTensors] : []));
    const recorded = (await readMetrics(request.runDir)).map((m) => m.liveTensors);
    expect(recorded).toEqual(streamed);
    expect(recorded).toHaveLength(3);
    // At least the linear model's kernel and bias and Adam's two moments of each are alive.
    expect(Math.min(...recorded)).toBeGreaterThanOrEqual(6);
  });

  it.each(['val_loss', 'val_accuracy'] as const)('records the monitor (%s) in summary.json and reads it back', async (monitor) => {
    const request = await setup({ epochs: 2, monitor });
    const { summary } = await trainCollecting(request);
    expect(summary.monitor).toBe(monitor);
    const onDisk = JSON.parse(await readFile(path.join(request.runDir, 'summary.json'), 'utf8'));
    expect(onDisk.monitor).toBe(monitor);
    expect((await readSummary(request.runDir))?.monitor).toBe(monitor);
  });
});

describe('summary.json and its monitor', () => {
  it("reads a summary written before monitor was recorded as 'val_loss', the only monitor there was", async () => {
    const { runDir } = await writeKnownRun(await tempDir());
    const file = path.join(runDir, 'summary.json');
    const { monitor, ...older } = JSON.parse(await readFile(file, 'utf8'));
    expect(monitor).toBe('val_loss');
    await writeFile(file, JSON.stringify(older));
    expect((await readSummary(runDir))?.monitor).toBe('val_loss');
    await writeFile(file, JSON.stringify({ ...older, monitor: 'val_accuracy' }));
    expect((await readSummary(runDir))?.monitor).toBe('val_accuracy');
  });

  it('refuses a monitor that is not one of val_loss, val_accuracy, naming the field', async () => {
    const { runDir } = await writeKnownRun(await tempDir());
    const file = path.join(runDir, 'summary.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), monitor: 'accuracy' }));
    await expect(readSummary(runDir)).rejects.toThrow(/summary\.json: monitor = "accuracy"; expected one of val_loss, val_accuracy/);
  });
});
