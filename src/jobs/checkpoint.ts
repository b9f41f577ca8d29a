import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { AdamState } from './adam.js';
import { bool, looseNum, nested, num, record, str, type Fail } from '../util/check.js';
import type { StoppingState } from './early-stopping.js';
import { TrainingError } from './errors.js';
import { readModelDir, writeModelDir, type SavedModel } from './model-dir.js';
import { replaceDir, RUN_FILES } from './run-dir.js';
import { checkWeightsInfo, readWeightsFile, writeWeightsFile } from './weights-file.js';

export const LATEST_JSON = 'latest.json';
const OPTIMIZER_JSON = 'optimizer.json';
const OPTIMIZER_BIN = 'optimizer.bin';
const STATE_JSON = 'state.json';

/** Where training stands after a completed epoch. */
export interface CheckpointState {
  epoch: number;
  stopping: StoppingState;
  /** Early stopping fired or the last epoch is done: only the final evaluation is left. */
  stopped: boolean;
  /** Training seconds of all sessions so far. */
  elapsedSeconds: number;
  resumes: number;
}

/** Everything needed to continue training exactly where it was. */
export interface Checkpoint {
  state: CheckpointState;
  /** The weights after `state.epoch`; the folder is loadable as a model (model.json + weights.bin). */
  model: SavedModel;
  optimizer: AdamState;
}

export const checkpointsDir = (runDir: string) => path.join(runDir, RUN_FILES.checkpoints);
export const checkpointDir = (runDir: string, epoch: number) => path.join(checkpointsDir(runDir), `epoch-${String(epoch).padStart(4, '0')}`);
/** Weights of a best evaluation made mid-epoch (evaluation every k batches), by the run's batch count. */
export const bestBatchDir = (runDir: string, batch: number) => path.join(checkpointsDir(runDir), `batch-${String(batch).padStart(8, '0')}`);

/**
 * Writes the weights of a best mid-epoch evaluation. Kept until a later epoch's checkpoint
 * names another best: a kill before then leaves the one the latest checkpoint names intact.
 */
export async function writeBestBatch(runDir: string, batch: number, model: SavedModel): Promise<void> {
  await replaceDir(bestBatchDir(runDir, batch), (partial) => writeModelDir(partial, model));
}

/**
 * Writes checkpoints/epoch-NNNN/ via a `.partial` folder and then points checkpoints/latest.json
 * at it (atomically): the pointer is the commit, so a kill at any moment leaves the previous
 * checkpoint intact and current. Keeps only the latest and the best epoch's checkpoints.
 */
export async function writeCheckpoint(runDir: string, checkpoint: Checkpoint): Promise<string> {
  const { state } = checkpoint;
  const dir = checkpointDir(runDir, state.epoch);
  await replaceDir(dir, async (partial) => {
    await writeModelDir(partial, checkpoint.model);
    const weights = await writeWeightsFile(partial, OPTIMIZER_BIN, checkpoint.optimizer.moments);
    await writeFileAtomic(path.join(partial, OPTIMIZER_JSON), JSON.stringify({ format: 'saliency-studio-adam', version: 1, step: checkpoint.optimizer.step, weights }) + '\n');
    await writeFileAtomic(path.join(partial, STATE_JSON), JSON.stringify(state, null, 1) + '\n');
  });
  await writeFileAtomic(path.join(checkpointsDir(runDir), LATEST_JSON), JSON.stringify({ epoch: state.epoch, dir: path.basename(dir) }) + '\n');
  const keep = new Set([path.basename(dir), path.basename(checkpointDir(runDir, state.stopping.bestEpoch)), LATEST_JSON]);
  if (state.stopping.bestBatch !== undefined) keep.add(path.basename(bestBatchDir(runDir, state.stopping.bestBatch)));
  for (const name of await readdir(checkpointsDir(runDir))) {
    if (!keep.has(name)) await rm(path.join(checkpointsDir(runDir), name), { recursive: true, force: true });
  }
  return dir;
}

/** The checkpoint latest.json points at, or null when the run has none yet. */
export async function readLatestCheckpoint(runDir: string): Promise<Checkpoint | null> {
  const pointer = path.join(checkpointsDir(runDir), LATEST_JSON);
  const text = await readFile(pointer, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return null;
  const fail = failIn(pointer);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    fail('contents', (err as Error).message, 'valid JSON');
  }
  const dir = str(record(parsed, 'contents', fail), 'dir', fail);
  if (path.basename(dir) !== dir) fail('dir', dir, 'a folder name inside checkpoints/');
  return readCheckpoint(path.join(checkpointsDir(runDir), dir));
}

/** Reads one checkpoint folder, checking every file. */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const model = await readModelDir(dir);
  const optFile = path.join(dir, OPTIMIZER_JSON);
  const optFail = failIn(optFile);
  const opt = record(await readJson(optFile, optFail), 'contents', optFail);
  const moments = await readWeightsFile(dir, checkWeightsInfo(opt.weights, optFail), optFail, OPTIMIZER_JSON);
  const stateFile = path.join(dir, STATE_JSON);
  const state = checkState(await readJson(stateFile, failIn(stateFile)), failIn(stateFile));
  if (state.epoch !== model.epoch) failIn(stateFile)('epoch', state.epoch, `${model.epoch} as in ${path.join(dir, 'model.json')}`);
  return { state, model, optimizer: { step: num(opt, 'step', optFail, { integer: true, min: 0 }), moments } };
}

function checkState(value: unknown, fail: Fail): CheckpointState {
  const o = record(value, 'contents', fail);
  const s = record(o.stopping, 'stopping', fail);
  const sf = nested(fail, 'stopping');
  const bestScore = looseNum(s, 'bestScore', sf);
  return {
    epoch: num(o, 'epoch', fail, { integer: true, min: 1 }),
    stopping: {
      bestEpoch: num(s, 'bestEpoch', sf, { integer: true, min: 0 }),
      bestScore: Number.isNaN(bestScore) ? Infinity : bestScore,
      sinceBest: num(s, 'sinceBest', sf, { integer: true, min: 0 }),
      ...(s.bestBatch === undefined ? {} : { bestBatch: num(s, 'bestBatch', sf, { integer: true, min: 1 }) }),
    },
    stopped: bool(o, 'stopped', fail),
    elapsedSeconds: num(o, 'elapsedSeconds', fail, { min: 0 }),
    resumes: num(o, 'resumes', fail, { integer: true, min: 0 }),
  };
}

async function readJson(file: string, fail: Fail): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail('path', file, 'an existing file of the checkpoint');
    throw err;
  });
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail('contents', (err as Error).message, 'valid JSON');
  }
}

const failIn = (file: string): Fail => (field, value, expected) => {
  throw new TrainingError('CHECKPOINT_FILE', file, field, value, expected);
};

export type { SavedModel };
