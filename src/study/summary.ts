import type { LabelBy, Split } from './dataset.js';
import type { DroppedRegion } from './regions.js';
import type { CensorReason } from './confounds/index.js';
import type { DropReason } from './windows.js';

/** What cleaning removed and censored, per run. */
export interface CleaningSummary {
  /** The fMRIPrep confound strategy; null when only filters / detrending / standardisation ran. */
  preset: string | null;
  runs: {
    run: string;
    confoundsFile: string | null;
    /** Confound columns regressed out. */
    confounds: number;
    censored: { volume: number; reason: CensorReason }[];
    /** Windows not built because they overlap a censored volume. */
    windowsLost: number;
    /** Why the preset's confounds were not applied (clean `whereAvailable`, no table); absent or null when they were. */
    notCleaned?: string | null;
  }[];
}

/** Window counts overall and per side of the split. */
export type SplitCounts = Record<Split | 'total', number>;

/** What an assembly did, for the CLI and the UI to show. */
export interface StudySummary {
  subjects: string[];
  /** Runs that contributed windows / all runs found. */
  runs: { used: number; total: number };
  tasks: string[];
  tr: number;
  labelBy: LabelBy;
  window: number;
  stride: number;
  shiftSeconds: number;
  regions: number;
  droppedRegions: DroppedRegion[];
  classes: string[];
  windows: SplitCounts;
  windowsPerClass: Record<string, SplitCounts>;
  splitSubjects: Record<Split, string[]>;
  droppedWindows: Record<DropReason, number>;
  /** Runs that gave no window at all, with why. */
  runsWithoutWindows: { run: string; file: string; reason: string }[];
  /** Event rows with trial_type n/a or empty, ignored. */
  skippedEventRows: number;
  parcellation: { parcellated: number; fromCache: number; imported: number };
  /** Present only when the runs were cleaned. */
  cleaning?: CleaningSummary;
  warnings: string[];
}
