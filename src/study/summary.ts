import type { LabelBy, Split } from './dataset.js';
import type { DroppedRegion } from './regions.js';
import type { DropReason } from './windows.js';

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
  warnings: string[];
}
