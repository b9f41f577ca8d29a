import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMetrics, type RunConfig } from '../../src/jobs/run-dir.js';
import type { TrainEvent, TrainSummary } from '../../src/jobs/types.js';
import { startJob } from '../../src/jobs/worker/host.js';
import { LOCK_FILE } from '../../src/util/folder-lock.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

// The CLI and the training worker run dist/ (`npx tsc -p tsconfig.json` first).
const bin = fileURLToPath(new URL('../../bin/saliency-studio.js', import.meta.url));

const toyData = async () => writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });

/** A run long enough (every epoch kept: no early stop) for a second process to start beside it. */
const trainArgs = (data: string, out: string, epochs: number, seed: number) =>
  ['train', '--data', data, '--out', out, '--hidden', '3', '--epochs', String(epochs), '--batch', '4', '--lr', '0.05', '--patience', '1000', '--seed', String(seed), '--backend', 'cpu'];

function cli(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { pid: child.pid!, exited, stderr: () => stderr };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Runs `fn` with process `pid` stopped (SIGSTOP), continuing it afterwards whatever happens. */
async function whilePaused<T>(pid: number, fn: () => Promise<T>): Promise<T> {
  process.kill(pid, 'SIGSTOP');
  try {
    return await fn();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

const nonEmpty = (file: string) => existsSync(file) && statSync(file).size > 0;
const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;

/** The folder holds one run: config.json, summary.json and every metrics line agree on its settings. */
async function expectOneRun(out: string, seed: number, epochs: number) {
  const config = await readJson<RunConfig>(path.join(out, 'config.json'));
  const summary = await readJson<TrainSummary>(path.join(out, 'summary.json'));
  expect(config.training).toMatchObject({ seed, epochs });
  expect(summary).toMatchObject({ seed, maxEpochs: epochs, epochs, resumes: 0 });
  expect((await readMetrics(out)).map((m) => m.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
}

describe('two writers of one run folder', () => {
  it('refuses a second train and a --resume while a train writes the folder, naming it and the pid; the first run is kept whole', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const first = cli(trainArgs(data, out, 60, 1));
    // Once config.json is there, a new run is refused by the lock's holder, not as a run to resume.
    await until(() => nonEmpty(path.join(out, LOCK_FILE)) && nonEmpty(path.join(out, 'config.json')), 'the first run to start');
    const held = `error: ${out}: lock = "held by pid ${first.pid} for train since`;
    // The toy run takes seconds; paused (SIGSTOP), it is certainly still the folder's writer
    // while the others try, however slowly a loaded machine starts them.
    const second = cli(trainArgs(data, out, 5, 2));
    expect(await whilePaused(first.pid, () => second.exited)).toBe(1);
    expect(second.stderr()).toContain(held);
    expect(second.stderr()).toContain(`wait for it to finish, or stop that process (kill ${first.pid})`);

    await until(() => nonEmpty(path.join(out, 'metrics.jsonl')), 'the first epoch');
    const resumed = cli(['train', '--resume', '--out', out]);
    expect(await whilePaused(first.pid, () => resumed.exited)).toBe(1);
    expect(resumed.stderr()).toContain(held);

    expect(await first.exited).toBe(0);
    await expectOneRun(out, 1, 60);
  });

  it('of two trains started together on one folder, exactly one trains and the other is told who holds it', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const runs = [cli(trainArgs(data, out, 20, 1)), cli(trainArgs(data, out, 20, 2))];
    const codes = await Promise.all(runs.map((r) => r.exited));
    expect([...codes].sort()).toEqual([0, 1]);
    const winner = runs[codes.indexOf(0)];
    const loser = runs[codes.indexOf(1)];
    expect(loser.stderr()).toContain(`error: ${out}: lock = "held by pid ${winner.pid} for train since`);
    const config = JSON.parse(readFileSync(path.join(out, 'config.json'), 'utf8')) as RunConfig;
    await expectOneRun(out, config.training.seed, 20);
  });

  it('refuses a second training worker of the same process on the folder, naming the thread that holds it', async () => {
    const data = await toyData();
    const request = newRun(path.join(await tempDir(), 'run'), data, { epochs: 30, patience: 1000 });
    let epochs = 0;
    const first = startJob('train', request, { onEvent: (e: TrainEvent) => void (e.kind === 'epoch' && epochs++) });
    await until(() => epochs >= 1, 'the first epoch');
    const error = await startJob('train', { runDir: request.runDir, resume: true }).result.catch((e) => e);
    expect(error.name).toBe('LockError');
    expect(error.message).toMatch(new RegExp(`^${request.runDir}: lock = "held by this process \\(pid ${process.pid}, thread \\d+\\) for train since`));
    expect((await first.result).epochs).toBe(30);
    expect((await readMetrics(request.runDir)).map((m) => m.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it.skipIf(process.platform !== 'linux')('resumes, in the same process, a run whose worker was killed holding the lock (thread liveness from /proc: Linux only)', async () => {
    const data = await toyData();
    const request = newRun(path.join(await tempDir(), 'run'), data, { epochs: 8, patience: 1000 });
    let epochs = 0;
    const first = startJob('train', request, { onEvent: (e: TrainEvent) => void (e.kind === 'epoch' && epochs++) });
    await until(() => epochs >= 2, 'two epochs');
    await first.kill();
    await first.result.catch(() => undefined);
    expect(existsSync(path.join(request.runDir, LOCK_FILE))).toBe(true);

    const console = new PassThrough();
    let warnings = '';
    console.on('data', (c) => (warnings += c));
    const resumed = await startJob('train', { runDir: request.runDir, resume: true }, { console }).result;
    expect(resumed.epochs).toBe(8);
    expect(warnings).toMatch(new RegExp(`^warning: ${request.runDir}: took over the lock of pid ${process.pid} \\(train since .*\\), whose thread \\d+ has ended`, 'm'));
    expect((await readMetrics(request.runDir)).map((m) => m.epoch)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
  });
});
