import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMetrics, readSummary, truncateMetrics } from '../../src/jobs/run-dir.js';
import { openRun } from '../../src/jobs/run-setup.js';
import type { TrainSummary } from '../../src/jobs/types.js';
import { openRunInput } from '../../src/jobs/run-input.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';
import { newRun, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

async function knownRun() {
  const { runDir } = await writeKnownRun(await tempDir());
  const summaryFile = path.join(runDir, 'summary.json');
  const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as TrainSummary;
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const metricLines = (await readFile(metricsFile, 'utf8')).trimEnd().split('\n');
  return {
    runDir, summary, metricLines,
    writeSummary: (edit: Record<string, unknown>) => writeFile(summaryFile, JSON.stringify({ ...summary, ...edit })),
    writeMetrics: (text: string) => writeFile(metricsFile, text),
  };
}

describe('summary.json read back', () => {
  it('reads what training wrote, field for field', async () => {
    const root = await tempDir();
    const dataDir = await writeToyDataset(path.join(root, 'data'), { counts: { train: [8, 8], test: [3, 3] }, window: 3, regions: 2 });
    const { summary } = await trainCollecting(newRun(path.join(root, 'run'), dataDir, { epochs: 2 }));
    expect(await readSummary(path.join(root, 'run'))).toEqual(summary);
  });

  it('is null before the run finishes, and refuses unparsable JSON naming the file', async () => {
    const run = await knownRun();
    await writeFile(path.join(run.runDir, 'summary.json'), '{"cut short');
    await expect(readSummary(run.runDir)).rejects.toMatchObject({ code: 'RUN_SUMMARY', file: path.join(run.runDir, 'summary.json'), field: 'contents' });
    expect(await readSummary(await tempDir())).toBeNull();
  });

  it.each([
    [{}, /summary\.json: format\/version = "\(missing\)\/\(missing\)"; expected saliency-studio-run-summary\/1/, true],
    [{ testAccuracy: 'high' }, /summary\.json: testAccuracy = "high"; expected a number ≥ 0 ≤ 1/, false],
    [{ testAccuracy: 0.9 }, /testAccuracy = 0\.9; expected 0\.5, the confusion matrix's share on its diagonal/, false],
    [{ testSamples: 3 }, /testSamples = 3; expected 2, the count in the confusion matrix/, false],
    [{ confusion: [[1, 0, 0], [0.5, 0.5, 0], [0, 0, 0]] }, /confusion = "an array of 3"; expected counts \(integers ≥ 0\)/, false],
    [{ bestEpoch: 4 }, /bestEpoch = 4; expected ≤ epochs \(3\)/, false],
    [{ stoppedEarly: true }, /stoppedEarly = true; expected false \(3 of 3 epochs\)/, false],
    [{ stopReason: { kind: 'patience', without: 2, unit: 'epoch' } }, /stopReason = .*; expected null \(the run trained every epoch\)/, false],
    [{ hidden: 7 }, /hidden = 7; expected 5, as modelConfig\.hidden/, false],
    [{ classWeights: [1, 1] }, /classWeights = "an array of 2"; expected 3 finite weights > 0/, false],
    [{ seed: -1 }, /seed = -1; expected an integer ≥ 0 ≤ 4294967295/, false],
  ])('refuses %j, naming the field', async (edit, message, replace) => {
    const run = await knownRun();
    if (replace) await writeFile(path.join(run.runDir, 'summary.json'), JSON.stringify(edit));
    else await run.writeSummary(edit);
    await expect(readSummary(run.runDir)).rejects.toThrow(message);
    // train --resume (openRun) and saliency (openRunInput) read it through the same check.
    await expect(openRun({ runDir: run.runDir, resume: true })).rejects.toThrow(message);
    await expect(openRunInput(run.runDir, 'test')).rejects.toThrow(message);
  });
});

describe('metrics.jsonl read back', () => {
  it('drops only a last line cut short by a kill', async () => {
    const run = await knownRun();
    await run.writeMetrics(`${run.metricLines.join('\n')}\n{"epoch": 4, "trainLo`);
    expect((await readMetrics(run.runDir)).map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect((await truncateMetrics(run.runDir, 2)).map((m) => m.epoch)).toEqual([1, 2]);
    expect(await readFile(path.join(run.runDir, 'metrics.jsonl'), 'utf8')).toBe(`${run.metricLines.slice(0, 2).join('\n')}\n`);
  });

  it('refuses a damaged line before the last, naming the line', async () => {
    const run = await knownRun();
    await run.writeMetrics(`${run.metricLines[0]}\n{"epoch": 2, "trainLo\n${run.metricLines[2]}\n`);
    await expect(readMetrics(run.runDir)).rejects.toThrow(/metrics\.jsonl: line 2 = "\{\\"epoch\\": 2, \\"trainLo"; expected one epoch's metrics as a JSON object/);
  });

  it('refuses a line whose fields are wrong, or epochs out of order', async () => {
    const run = await knownRun();
    const second = JSON.parse(run.metricLines[1]);
    await run.writeMetrics(`${run.metricLines[0]}\n${JSON.stringify({ ...second, valAccuracy: 'high' })}\n`);
    await expect(readMetrics(run.runDir)).rejects.toThrow(/metrics\.jsonl: line 2\.valAccuracy = "high"; expected a number ≥ 0 ≤ 1/);
    await run.writeMetrics(`${run.metricLines[0]}\n${run.metricLines[2]}\n`);
    await expect(readMetrics(run.runDir)).rejects.toThrow(/metrics\.jsonl: line 2\.epoch = 3; expected 2 \(one line per epoch, in order\)/);
    await run.writeMetrics(`${JSON.stringify({ ...second, epoch: 1 })}\n`);
    await expect(readMetrics(run.runDir)).rejects.toThrow(/line 1\.bestEpoch = 2; expected ≤ epoch \(1\)/);
  });
});
