import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readSummary } from '../jobs/run-dir.js';
import { readRunConfig } from '../jobs/run-setup.js';
import type { TrainOptions } from '../jobs/types.js';
import type { ModelConfig } from '../model/types.js';
import { readSaliencyIndex } from '../saliency/store.js';
import { readDatasetInfo } from '../study/cache.js';
import type { AtlasFileRecord } from '../study/dataset-atlas.js';
import { LockError } from '../errors.js';
import { refuseLockedFolder } from '../util/folder-lock.js';
import { storedPath } from '../util/stored-path.js';
import { SALIENCY_FOLDER, workspacePath } from './layout.js';
import type { Workspace } from './workspace.js';

/** An entry that could not be read: listed with what is wrong, so one damaged folder hides nothing else. */
interface Entry {
  name: string;
  /** Relative to the workspace, `/`-separated. */
  path: string;
  /** Why the entry could not be read; absent when it could. */
  problem?: string;
}

export interface DatasetEntry extends Entry {
  classes?: string[];
  regions?: number;
  samples?: number;
  /** The atlas the dataset was parcellated with; null when none is recorded. */
  atlas?: { labels: AtlasFileEntry; names: AtlasFileEntry | null; allowUnnamed: boolean } | null;
}

/** A bundled atlas file by its name (`aal.nii.gz`), another by its path (relative to the workspace where inside it). */
export interface AtlasFileEntry {
  path: string;
  bundled: boolean;
  sha256: string;
}

export interface ResultEntry extends Entry {
  method?: string;
  tsr?: boolean;
  samples?: number;
  maskedAccuracy?: unknown;
}

export type RunStatus = 'finished' | 'stopped' | 'running';

export interface RunEntry extends Entry {
  /** The dataset folder, relative to the workspace where inside it. */
  dataset?: string;
  model?: ModelConfig;
  training?: TrainOptions;
  /** finished: summary.json written; running: locked by a live writer; stopped: resumable. */
  status?: RunStatus;
  bestEpoch?: number;
  epochs?: number;
  valAccuracy?: number;
  testAccuracy?: number;
  backend?: string;
  wallSeconds?: number;
  results: ResultEntry[];
}

export interface ReportEntry extends Entry {
  files?: string[];
}

export interface WorkspaceListing {
  datasets: DatasetEntry[];
  runs: RunEntry[];
  reports: ReportEntry[];
}

/**
 * What a workspace holds, found by scanning its layout folders and reading each entry with its
 * validated reader; every path is relative to the workspace.
 */
export async function listWorkspace(ws: Workspace): Promise<WorkspaceListing> {
  const rel = (p: string) => workspaceRelative(ws.root, p);
  const datasets = await Promise.all((await folders(workspacePath(ws.root, 'datasets'))).map((dir) => entry(ws.root, dir, () => datasetEntry(dir, rel))));
  const runs = await Promise.all((await folders(workspacePath(ws.root, 'runs'))).map((dir) => runEntry(ws.root, dir, rel)));
  const reports = await Promise.all((await folders(workspacePath(ws.root, 'reports'))).map((dir) => entry(ws.root, dir, () => reportEntry(dir))));
  return { datasets, runs, reports };
}

async function datasetEntry(dir: string, rel: (p: string) => string): Promise<Omit<DatasetEntry, 'name' | 'path'>> {
  const d = await readDatasetInfo(dir);
  const file = (f: AtlasFileRecord): AtlasFileEntry => ({ path: f.bundled ? path.basename(f.path) : rel(f.path), bundled: f.bundled, sha256: f.sha256 });
  return {
    classes: d.classes, regions: d.regions.length, samples: d.samples.length,
    atlas: d.atlas ? { labels: file(d.atlas.labels), names: d.atlas.names ? file(d.atlas.names) : null, allowUnnamed: d.atlas.allowUnnamed } : null,
  };
}

async function runEntry(root: string, dir: string, rel: (p: string) => string): Promise<RunEntry> {
  const results = await Promise.all((await folders(path.join(dir, SALIENCY_FOLDER))).map((d) => entry(root, d, () => resultEntry(d))));
  const run = await entry(root, dir, async () => {
    const config = await readRunConfig(dir);
    const summary = await readSummary(dir);
    return {
      dataset: rel(config.dataset), model: config.model, training: config.training, status: summary ? 'finished' as const : runningOrStopped(dir),
      ...(summary ? {
        bestEpoch: summary.bestEpoch, epochs: summary.epochs, valAccuracy: summary.valAccuracy, testAccuracy: summary.testAccuracy,
        backend: summary.backend, wallSeconds: summary.wallSeconds,
      } : { backend: config.backend.report.backend }),
    };
  });
  return { ...run, results };
}

/** A path as listings show it: relative to the workspace (`/`-separated) where inside it, else absolute. */
export function workspaceRelative(root: string | null, p: string): string {
  return root !== null && inside(root, p) ? storedPath(root, p) : path.resolve(p);
}

/** An unfinished run's status: `running` while a live writer holds its folder's lock, else `stopped` (resumable). */
export function runningOrStopped(dir: string): RunStatus {
  try {
    refuseLockedFolder(dir);
    return 'stopped';
  } catch (err) {
    if (err instanceof LockError) return 'running';
    throw err;
  }
}

async function resultEntry(dir: string): Promise<Omit<ResultEntry, 'name' | 'path'>> {
  const index = await readSaliencyIndex(dir);
  // saliency.json names a rescaled result `grad+tsr`.
  const [method, suffix] = index.method.split('+');
  return { method, tsr: suffix === 'tsr', samples: index.samples.length, ...(index.maskedAccuracy ? { maskedAccuracy: index.maskedAccuracy } : {}) };
}

async function reportEntry(dir: string): Promise<Omit<ReportEntry, 'name' | 'path'>> {
  const files = (await readdir(dir, { withFileTypes: true })).filter((f) => f.isFile() && !f.name.startsWith('.')).map((f) => f.name).sort();
  return { files };
}

/** Reads one entry; an error becomes its `problem`, never the listing's. */
async function entry<T extends object>(root: string, dir: string, read: () => Promise<T>): Promise<Entry & Partial<T>> {
  const base = { name: path.basename(dir), path: storedPath(root, dir) };
  try {
    return { ...base, ...(await read()) };
  } catch (err) {
    return { ...base, problem: err instanceof Error ? err.message : String(err) } as Entry & Partial<T>;
  }
}

/** The sub-folders of `dir`, sorted; none where it does not exist. Temp siblings of atomic folder writes are left out. */
async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !/\.(partial|old)$/.test(e.name)).map((e) => path.join(dir, e.name)).sort();
}

function inside(root: string, p: string): boolean {
  const r = path.relative(root, path.resolve(p));
  return r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r);
}
