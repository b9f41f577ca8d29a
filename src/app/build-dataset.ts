import path from 'node:path';
import { assembleStudy, DEFAULT_SPLIT, writeDatasetCache, type LabelBy, type SplitFractions, type StudySummary } from '../study/index.js';
import type { CleanSettings } from '../study/clean-run.js';
import { throwIfCancelled } from '../util/cancel.js';
import { resolveAtlas, type AtlasChoice } from './atlas.js';
import { phaseReporter, type OperationContext } from './context.js';
import { parcellationCacheDir } from './layout.js';
import { findWorkspaceRoot } from './workspace.js';

/** The defaults of every build-dataset option: the CLI's `study` and the worker use these alone. */
export const BUILD_DATASET_DEFAULTS = {
  window: 10,
  stride: 5,
  labelBy: 'task' as LabelBy,
  shiftSeconds: 0,
  zscore: true,
  split: DEFAULT_SPLIT as Readonly<SplitFractions>,
  seed: 0,
} as const;

/** Where a study's runs come from: a BIDS/fMRIPrep folder (optionally one space of it) or a manifest. */
export type StudySource = { dir: string; space?: string } | { manifest: string };

export interface BuildDatasetOptions {
  input: StudySource;
  /** Absent: the bundled AAL with its names. */
  atlas?: AtlasChoice;
  /** Window length and stride, in volumes. */
  window?: number;
  stride?: number;
  labelBy?: LabelBy;
  /** Hemodynamic delay added to event onsets, in seconds (trial_type labels only). */
  shiftSeconds?: number;
  zscore?: boolean;
  split?: Partial<SplitFractions>;
  seed?: number;
  /** Keep only windows of these classes (tasks or trial_types); absent: every class of the study. */
  classes?: string[];
  /** Denoise each run (fMRIPrep confounds, filters, censoring) before the z-score; absent: no cleaning. */
  clean?: CleanSettings;
  /** Parcellation cache (default: `parcellationCacheDir(out)`); a rerun skips the runs it holds. */
  cacheDir?: string;
  /** The dataset folder (dataset.json, dataset.f32). */
  out: string;
}

export interface BuildDatasetResult {
  /** The dataset folder, absolute. */
  out: string;
  summary: StudySummary;
}

/**
 * Assembles a study into a labelled dataset and writes its cache to `out`. Progress phases:
 * `discover`, `runs` (one step per run, its name as item), `volumes` (within one run's
 * parcellation) and `windows`. Cancelled, it throws Cancelled before the next run or volume
 * and writes no dataset; runs already parcellated stay in the cache for the next try.
 * Inside a workspace, the atlas is recorded relative to it, so the dataset moves with it.
 */
export async function buildDataset(options: BuildDatasetOptions, ctx: OperationContext = {}): Promise<BuildDatasetResult> {
  const { signal } = ctx;
  const o = withDesignDefaults(options);
  throwIfCancelled(signal);
  const atlas = await resolveAtlas(options.atlas);
  const { dataset, summary } = await assembleStudy(options.input, {
    atlas, allowUnnamed: options.atlas?.allowUnnamed ?? false,
    window: o.window, stride: o.stride, labelBy: o.labelBy, shiftSeconds: o.shiftSeconds, zscore: o.zscore,
    split: o.split, seed: o.seed, classes: o.classes, clean: options.clean, cacheDir: options.cacheDir ?? parcellationCacheDir(options.out),
    signal, onProgress: stageReporter(ctx),
  });
  throwIfCancelled(signal);
  const root = await findWorkspaceRoot(options.out);
  await writeDatasetCache(options.out, dataset, root ? { root } : {});
  return { out: path.resolve(options.out), summary };
}

/**
 * Turns the assembly's stage events into `Progress` with ETAs: one reporter for the whole of a
 * phase (so the runs ETA spans all runs, the item naming the current one), except `volumes`,
 * which restarts with each run since each run has its own count.
 */
function stageReporter(ctx: OperationContext) {
  let current: { key: string; report: (done: number, total: number) => void; item?: string } | null = null;
  return ({ stage, done, total, item }: { stage: string; done: number; total: number; item?: string }) => {
    const key = stage === 'volumes' ? `${stage}\0${item ?? ''}` : stage;
    if (current?.key !== key) {
      const state: { key: string; report: (done: number, total: number) => void; item?: string } = { key, report: () => {} };
      state.report = phaseReporter({ onProgress: (p) => ctx.onProgress?.(state.item === undefined ? p : { ...p, item: state.item }) }, stage);
      current = state;
    }
    current.item = item;
    current.report(done, total);
  };
}

/** The options with BUILD_DATASET_DEFAULTS for every one left out, so a preview and a build read them alike. */
export function withDesignDefaults<T extends object>(options: T) {
  return { ...BUILD_DATASET_DEFAULTS, ...withoutUndefined(options) };
}

function withoutUndefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
