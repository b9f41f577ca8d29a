import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import type { ModelConfig } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
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
  /** Absolute path of the dataset cache folder. */
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
  await writeFileAtomic(runPath(runDir, 'config'), JSON.stringify(config, null, 2) + '\n');
}

export async function writeSummary(runDir: string, summary: TrainSummary): Promise<void> {
  await writeFileAtomic(runPath(runDir, 'summary'), JSON.stringify(summary, null, 2) + '\n');
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
    await handle.write(JSON.stringify(metrics) + '\n');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The complete lines of metrics.jsonl, in order. */
export async function readMetrics(runDir: string): Promise<EpochMetrics[]> {
  const text = await readFile(runPath(runDir, 'metrics'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() ? [JSON.parse(line) as EpochMetrics] : [];
    } catch {
      return [];
    }
  });
}

/** Keeps only epochs up to the checkpoint being resumed from (later ones are redone). */
export async function truncateMetrics(runDir: string, lastEpoch: number): Promise<EpochMetrics[]> {
  const kept = (await readMetrics(runDir)).filter((m) => m.epoch <= lastEpoch);
  await writeFileAtomic(runPath(runDir, 'metrics'), kept.map((m) => JSON.stringify(m) + '\n').join(''));
  return kept;
}

/**
 * Replaces folder `target` with one written by `write` into a sibling `.partial` folder, so
 * a reader never sees a half-written mix of old and new files.
 */
export async function replaceDir(target: string, write: (dir: string) => Promise<void>): Promise<void> {
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await write(partial);
  await rm(target, { recursive: true, force: true });
  await rename(partial, target);
}
