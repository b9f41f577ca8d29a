import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readModelDir } from '../../src/jobs/model-dir.js';
import { readMetrics } from '../../src/jobs/run-dir.js';
import type { TrainSummary } from '../../src/jobs/types.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeToyDataset } from '../jobs/helpers/toy-dataset.js';

// Training runs in a worker from dist/ (built by `npm test`'s pretest, or `npx tsc -p tsconfig.json`).
const bin = fileURLToPath(new URL('../../bin/saliency-studio.js', import.meta.url));

async function toyData(): Promise<string> {
  return writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
}

/** A small, fast run: 21 training samples (3 carved for validation) in 6 batches per epoch. */
const trainArgs = (data: string, out: string, epochs: number, extra: string[] = []) =>
  ['train', '--data', data, '--out', out, '--hidden', '3', '--epochs', String(epochs), '--batch', '4', '--lr', '0.05', '--seed', '1', '--backend', 'cpu', ...extra];

async function cli(args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** summary.json as the CLI prints it: the dataset, stored relative to the run folder, resolved. */
const readSummary = async (out: string) => {
  const s = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as TrainSummary;
  return { ...s, dataset: path.resolve(out, s.dataset) };
};
const latestEpoch = (json: string) => (JSON.parse(json) as { epoch?: number }).epoch ?? 0;
const finalWeights = async (out: string) => (await readModelDir(path.join(out, 'final'))).weights;

/** Runs the CLI in a child process and signals it once `ready` says so (polled on its stderr). */
function runChild(args: string[], signal: NodeJS.Signals, ready: (stderr: string) => Promise<boolean> | boolean) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setInterval(async () => {
    if (await ready(stderr)) {
      clearInterval(timer);
      child.kill(signal);
    }
  }, 10);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, stderr });
    });
  });
}

describe('saliency-studio train', () => {
  it('trains, prints the backend, epochs, accuracies and confusion matrix, and writes summary.json', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const r = await cli(trainArgs(data, out, 3));
    expect(r.code).toBe(0);
    const s = await readSummary(out);
    expect(s).toMatchObject({ model: 'lstm', attention: 'none', variant: 'mean', backend: 'cpu', epochs: 3, classes: ['class0', 'class1'], testSamples: 10 });
    // The toy test split has 5 samples of each class: rows of confusion[true][predicted] sum to 5.
    expect(s.confusion.map((row) => row[0] + row[1])).toEqual([5, 5]);
    const correct = s.confusion[0][0] + s.confusion[1][1];
    expect(s.testAccuracy).toBe(correct / 10);
    expect(s.valAccuracy).toBe((await readMetrics(out))[s.bestEpoch - 1].valAccuracy);
    // Once, on stderr as training starts (it used to be repeated at the top of the summary).
    expect(`${r.err}${r.out}`.match(/backend cpu: requested explicitly; pure JavaScript/g)).toHaveLength(1);
    expect(r.err).toMatch(/^backend cpu: requested explicitly; pure JavaScript/);
    expect(r.out).toMatch(/^Model: lstm, no attention/);
    expect(r.out).toMatch(new RegExp(`Epochs: 3 of 3, all done; best epoch ${s.bestEpoch}`));
    expect(r.out).toContain(`Validation accuracy: ${s.valAccuracy.toFixed(3)}`);
    expect(r.out).toContain(`Test accuracy: ${s.testAccuracy.toFixed(3)} (${correct} of 10 test samples)`);
    expect(r.out).toContain(`class0  ${String(s.confusion[0][0]).padStart(6)}  ${String(s.confusion[0][1]).padStart(6)}`);
    expect(r.err).toMatch(/training: 18\/18 \(100%\) epoch 3\/3 loss \d\.\d{3} acc \d\.\d\d \| val loss/);
  });

  it('--json prints summary.json; attention, variant and cell options reach the model', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const r = await cli(trainArgs(data, out, 2, ['--model', 'gru', '--attention', 'input-cell', '--variant', 'matrix', '--json']));
    expect(r.code).toBe(0);
    const s = await readSummary(out);
    expect(JSON.parse(r.out)).toEqual(s);
    expect(s.modelConfig).toMatchObject({ cell: 'gru', attention: 'input-cell', variant: 'matrix', hidden: 3, inputSize: 3, classes: 2 });
  });

  it('refuses an --out holding a run unless --resume; resuming a finished run prints its summary again', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    expect((await cli(trainArgs(data, out, 1))).code).toBe(0);
    const again = await cli(trainArgs(data, out, 1));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/run folder = .*config\.json.*; expected a new or empty folder \(add --resume to continue this run, or choose another --out\)/);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    const resumed = await cli(['train', '--resume', '--out', out, '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toEqual(await readSummary(out));
  });

  it.each([
    [['--data', 'd', '--out', 'o', '--model', 'xyz'], /--model = "xyz"; expected one of lstm, gru, rnn/],
    [['--data', 'd', '--out', 'o', '--lr', '-1'], /--lr = "-1"; expected a value; one starting with "-" must be joined with "=": write --lr=-1/],
    [['--data', 'd', '--out', 'o', '--lr=-1'], /--lr = "-1"; expected a number > 0 and ≤ 1/],
    [['--data', 'd', '--out', 'o', '--lr', '0'], /--lr = "0"; expected a number > 0/],
    [['--data', 'd', '--out', 'o', '--lr', '5'], /--lr = "5"; expected a number > 0 and ≤ 1/],
    [['--data', 'd', '--out', 'o', '--epochs', '0'], /--epochs = "0"; expected an integer ≥ 1/],
    [['--data', 'd', '--out', 'o', '--epochs', '1e9'], /--epochs = "1e9"; expected an integer ≥ 1 and ≤ 10000/],
    [['--data', 'd', '--out', 'o', '--hidden', '100000'], /--hidden = "100000"; expected an integer ≥ 1 and ≤ 1024/],
    [['--data', 'd', '--out', 'o', '--batch', '1000000'], /--batch = "1000000"; expected an integer ≥ 1 and ≤ 4096/],
    [['--data', 'd', '--out', 'o', '--patience', '99999'], /--patience = "99999"; expected an integer ≥ 1 and ≤ 10000/],
    [['--data', 'd', '--out', 'o', '--seed', '4294967296'], /--seed = "4294967296"; expected an integer ≥ 0 and ≤ 4294967295/],
    [['--data', 'd', '--out', 'o', '--attention', 'self'], /--attention = "self"; expected one of none, input-cell/],
    [['--data', 'd', '--out', 'o', '--backend', 'tpu'], /--backend = "tpu"; expected one of auto, node-gpu, webgpu, node, wasm, cpu/],
    [['--out', 'o'], /--data = "missing"; expected a value \(required\)/],
    [['--data', 'd'], /--out = "missing"; expected a value \(required\)/],
    [['--resume', '--out', 'o', '--model', 'gru'], /--model = "gru"; expected no --model with --resume/],
    [['--data', 'd', '--out', 'o', '--epoch', '3'], /Unknown option '--epoch'/],
  ])('%j is a usage error (exit 2, one line naming the option)', async (args, message) => {
    const r = await cli(['train', ...args]);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--resume of a finished run whose summary.json is {} or has "testAccuracy": "high" is refused, naming the file and the field', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    expect((await cli(trainArgs(data, out, 1))).code).toBe(0);
    const file = path.join(out, 'summary.json');
    const summary = await readSummary(out);
    for (const [text, message] of [
      ['{}', 'format/version = "(missing)/(missing)"; expected saliency-studio-run-summary/1'],
      [JSON.stringify({ ...summary, testAccuracy: 'high' }), 'testAccuracy = "high"; expected a number ≥ 0 ≤ 1'],
    ]) {
      await writeFile(file, text);
      const r = await cli(['train', '--resume', '--out', out, '--json']);
      expect([r.code, r.out, r.err]).toEqual([1, '', `error: ${file}: ${message}\n`]);
    }
  });

  it('a --data folder without a dataset, or no run to resume, is bad input (exit 1, one line)', async () => {
    const empty = await tempDir();
    const noData = await cli(['train', '--data', empty, '--out', path.join(empty, 'run')]);
    expect(noData.code).toBe(1);
    expect(noData.err).toMatch(/--data = ".*"; expected a folder holding dataset\.json/);
    const noRun = await cli(['train', '--resume', '--out', empty]);
    expect(noRun.code).toBe(1);
    expect(noRun.err).toMatch(/config\.json: path = .*; expected an existing run to resume/);
    for (const r of [noData, noRun]) expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('Ctrl-C stops at the next batch and says how to resume; a hard kill too; both resume to the uninterrupted result', async () => {
    const data = await toyData();
    const root = await tempDir();
    const [straight, interrupted, killed] = ['straight', 'interrupted', 'killed'].map((name) => path.join(root, name));
    const latest = path.join(killed, 'checkpoints', 'latest.json');
    // Three independent processes' worth of work, run side by side to save time.
    const [reference, sigint, sigkill] = await Promise.all([
      cli(trainArgs(data, straight, 12)),
      runChild(trainArgs(data, interrupted, 12), 'SIGINT', (err) => /\((2|3|4)0%\)/.test(err)),
      runChild(trainArgs(data, killed, 12), 'SIGKILL', async () => latestEpoch(await readFile(latest, 'utf8').catch(() => '{}')) >= 3),
    ]);
    expect(reference.code).toBe(0);
    expect(sigint.stderr).toMatch(/stopping at the next batch/);
    expect(sigint.stderr).toMatch(/training stopped; the checkpoint of epoch \d+ is kept/);
    expect(sigint.stderr).toContain(`Resume with:\n  saliency-studio train --resume --out ${interrupted}\n`);
    expect(sigint.code).toBe(130);
    expect(sigkill.signal).toBe('SIGKILL');

    const resumed = await Promise.all([interrupted, killed].map((out) => cli(['train', '--resume', '--out', out, '--json'])));
    const { wallSeconds: _w, resumes: _r, ...expected } = await readSummary(straight);
    for (const [i, out] of [interrupted, killed].entries()) {
      expect(resumed[i].code).toBe(0);
      expect(resumed[i].err).toMatch(/resuming after epoch \d+ of 12/);
      expect(await finalWeights(out)).toEqual(await finalWeights(straight));
      const { wallSeconds, resumes, ...rest } = JSON.parse(resumed[i].out) as TrainSummary;
      expect(rest).toEqual(expected);
      expect([resumes, wallSeconds > 0]).toEqual([1, true]);
    }
  });

  it('is listed in the main help', async () => {
    const io = captureIO();
    await main(['--help'], io);
    expect(io.stdout()).toMatch(/train\s+train a recurrent classifier/);
  });
});
