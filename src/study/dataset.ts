import type { CleanSettings } from './clean-run.js';
import type { DatasetAtlas } from './dataset-atlas.js';

/** How the runs were cleaned, with the SHA-256 of each confounds table used (a changed one shows). */
export interface DatasetCleaning {
  settings: CleanSettings;
  confounds: { run: string; path: string; sha256: string }[];
}

/**
 * A NIfTI run the dataset was built from: `run` as the study summary names it, `file` its
 * image (absolute in memory; dataset.json stores it like the confounds paths). What a brain
 * view averages for its functional background.
 */
export interface DatasetSource {
  run: string;
  file: string;
}

/** Which side of the subject split a window belongs to. */
export type Split = 'train' | 'validation' | 'test';
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

/** What a window's class is: the run's task, or the events' trial_type active in it. */
export type LabelBy = 'task' | 'trial_type';

/** One window of one run. */
export interface SampleMeta {
  subject: string;
  session: string | null;
  run: string | null;
  task: string;
  /** Acquisition time of the window's first volume, seconds from the start of the run. */
  onsetSeconds: number;
  /** Index into `Dataset.classes`. */
  label: number;
  split: Split;
  /**
   * Task-ON steps of the window: '0'/'1' per step (length `window`), 1 where a volume's
   * acquisition time falls in any event of the run's events file (with the labels' shift).
   * Absent when the run has no events.
   */
  on?: string;
}

/** A region kept in the dataset; `label` is the atlas label, null for imported tables. */
export interface DatasetRegion {
  label: number | null;
  name: string;
}

/** Windows of region time series ready for training. */
export interface Dataset {
  version: 1;
  regions: DatasetRegion[];
  classes: string[];
  labelBy: LabelBy;
  /** Window length and stride in volumes. */
  window: number;
  stride: number;
  /** Added to event onsets (hemodynamic delay) before labelling; 0 when labelling by task. */
  shiftSeconds: number;
  /** Repetition time shared by every run, seconds. */
  tr: number;
  /** True when each region was z-scored per run. */
  zscored: boolean;
  /** Seed of the subject split. */
  seed: number;
  samples: SampleMeta[];
  /** The atlas the regions were parcellated with; null or absent when unknown (imported tables, older datasets). */
  atlas?: DatasetAtlas | null;
  /** Present only when the runs were cleaned before windowing. */
  cleaning?: DatasetCleaning;
  /** The NIfTI runs windows were cut from, in run order; absent for imported tables and older datasets. */
  sources?: DatasetSource[];
  /** samples × window × regions, row-major. */
  data: Float32Array;
}

/** Offset of sample `s`, time step `t`, region `r` in `Dataset.data`. */
export function dataIndex(dataset: Pick<Dataset, 'window' | 'regions'>, s: number, t: number, r: number): number {
  return (s * dataset.window + t) * dataset.regions.length + r;
}
