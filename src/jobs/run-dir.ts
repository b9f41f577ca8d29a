import { open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import type { ModelConfig } from '../model/types.js';
import { writeAll, writeFileAtomic } from '../util/atomic-write.js';
import { describe, nested, type Fail } from '../util/check.js';
import { resolveStoredPath, storedPath } from '../util/stored-path.js';
import { UnfinishedRunError } from './errors.js';
import { checkEpochMetrics, checkTrainSummary, fileFail } from './run-records.js';
import type { EpochMetrics, TrainOptions, TrainSummary } from './types.js';

/** Names inside a run directory. */
export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  summary: 'summary.json',
  checkpoints: 'checkpoints',
  best: 'best',
  final: 'final',
} as const;

/** What config.json holds: everything a resumed session needs to rebuild the run. */
export interface RunConfig {
  format: 'saliency-studio-run';
  version: 1;
  /**
   * The dataset cache folder: absolute in memory; in config.json relative to the run folder (so
   * a project moved as a whole keeps working; an older absolute path is still read).
   */
  dataset: string;
  /** Checked on resume, so a dataset rebuilt in place is not silently mixed in. */
  datasetShape: { samples: number; window: number; regions: number };
  classes: string[];
  regions: string[];
  model: ModelConfig;
  training: TrainOptions;
  /** The backend of the session that created the run (later sessions may differ). */
  backend: { requested: BackendChoice; report: BackendReport };
  createdAt: string;
}

export const runPath = (runDir: string, name: keyof typeof RUN_FILES) => path.join(runDir, RUN_FILES[name]);

/** The run's own files already present in `runDir` (empty for a new or unrelated folder). */
export async function existingRunFiles(runDir: string): Promise<string[]> {
  const names = await readdir(runDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const ours = new Set<string>(Object.values(RUN_FILES));
  return names.filter((n) => ours.has(n));
}

export async function writeRunConfig(runDir: string, config: RunConfig): Promise<void> {
  const stored = { ...config, dataset: storedPath(runDir, config.dataset) };
  await writeFileAtomic(runPath(runDir, 'config'), JSON.stringify(stored, null, 2) + '\n');
}

/** Writes summary.json, its dataset path relative to the run folder (as config.json's). */
export async function writeSummary(runDir: string, summary: TrainSummary): Promise<void> {
  const stored = { ...summary, dataset: storedPath(runDir, summary.dataset) };
  await writeFileAtomic(runPath(runDir, 'summary'), JSON.stringify(stored, null, 2) + '\n');
}

/** Reads a JSON file of the run, or null when absent. */
export async function readRunJson(runDir: string, name: 'config' | 'summary'): Promise<unknown | null> {
  const text = await readFile(runPath(runDir, name), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  return text === null ? null : JSON.parse(text);
}

/**
 * Appends one epoch's line to metrics.jsonl and flushes it to disk before returning, so the
 * history survives a kill; a line cut short by one is dropped when the run resumes.
 */
export async function appendMetrics(runDir: string, metrics: EpochMetrics): Promise<void> {
  const handle = await open(runPath(runDir, 'metrics'), 'a');
  try {
    await writeAll(handle, Buffer.from(JSON.stringify(metrics) + '\n'), runPath(runDir, 'metrics'));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * summary.json checked field by field (checkTrainSummary), or null when the run has not
 * finished; errors name the file and the field (TrainingErrors unless `fail` says otherwise).
 */
export async function readSummary(runDir: string, fail: Fail = fileFail('RUN_SUMMARY', runPath(runDir, 'summary'))): Promise<TrainSummary | null> {
  let parsed: unknown;
  try {
    parsed = await readRunJson(runDir, 'summary');
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    fail('contents', err.message, 'valid JSON (the summary.json training writes when a run finishes)');
  }
  if (parsed === null) return null;
  const summary = checkTrainSummary(parsed, runPath(runDir, 'summary'), fail);
  return { ...summary, dataset: resolveStoredPath(path.resolve(runDir), summary.dataset) };
}

/**
 * The summary of the finished training run in `runDir`, for everything that reads a run after
 * training (saliency, report). A folder without config.json is no run at all, one without
 * summary.json has not finished (both UnfinishedRunErrors); a damaged summary.json is refused
 * field by field (readSummary), since an unreadable summary cannot vouch that the run finished.
 */
export async function requireFinishedRun(runDir: string): Promise<TrainSummary> {
  const dir = path.resolve(runDir);
  if (!(await stat(runPath(dir, 'config')).then((s) => s.isFile(), () => false))) {
    throw new UnfinishedRunError('RUN_MISSING', dir, 'run folder', 'no config.json', 'a training run folder (written by `saliency-studio train --out`)');
  }
  const summary = await readSummary(dir);
  if (summary === null) {
    throw new UnfinishedRunError('RUN_UNFINISHED', dir, 'run folder', 'no summary.json', 'a finished run (finish it with `saliency-studio train --resume --out <run-dir>`)');
  }
  return summary;
}

/**
 * The lines of metrics.jsonl, each checked (checkEpochMetrics), epochs 1, 2, … in order. Only
 * the last line may be cut short (a kill during its one write); it is dropped. Any other
 * unreadable line is an error naming it, never silently skipped.
 */
export async function readMetrics(runDir: string, fail: Fail = fileFail('RUN_METRICS', runPath(runDir, 'metrics'))): Promise<EpochMetrics[]> {
  const text = await readFile(runPath(runDir, 'metrics'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const lines = text.split('\n');
  const metrics: EpochMetrics[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) break;
      fail(`line ${i + 1}`, describe(line), 'one epoch\'s metrics as a JSON object (as training writes them)');
    }
    const m = checkEpochMetrics(parsed, `line ${i + 1}`, fail);
    if (m.epoch !== metrics.length + 1) nested(fail, `line ${i + 1}`)('epoch', m.epoch, `${metrics.length + 1} (one line per epoch, in order)`);
    metrics.push(m);
  }
  return metrics;
}

/** Keeps only epochs up to the checkpoint being resumed from (later ones are redone). */
export async function truncateMetrics(runDir: string, lastEpoch: number): Promise<EpochMetrics[]> {
  const kept = (await readMetrics(runDir)).filter((m) => m.epoch <= lastEpoch);
  await writeFileAtomic(runPath(runDir, 'metrics'), kept.map((m) => JSON.stringify(m) + '\n').join(''));
  return kept;
}

/**
 * Replaces folder `target` with one written by `write` into a sibling `.partial` folder, so
 * a reader never sees a half-written mix of old and new files. The old folder is renamed
 * aside (`.old`) before the new one goes in, so a kill between the two renames loses
 * nothing: the next replace (or `recoverReplacedDir`) puts the old folder back.
 */
export async function replaceDir(target: string, write: (dir: string) => Promise<void>): Promise<void> {
  await recoverReplacedDir(target);
  const partial = `${target}.partial`;
  const old = `${target}.old`;
  await rm(partial, { recursive: true, force: true });
  await write(partial).catch(async (err) => {
    await rm(partial, { recursive: true, force: true });
    throw err;
  });
  const hadOld = await rename(target, old).then(() => true, (err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return false;
    throw err;
  });
  await rename(partial, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/** Puts back a folder that an interrupted `replaceDir` had set aside, if the new one never arrived. */
export async function recoverReplacedDir(target: string): Promise<void> {
  const old = `${target}.old`;
  const present = async (p: string) => readdir(p).then(() => true, () => false);
  if (!(await present(old))) return;
  if (await present(target)) await rm(old, { recursive: true, force: true });
  else await rename(old, target);
}
