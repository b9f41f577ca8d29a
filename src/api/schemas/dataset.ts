import { z } from 'zod';
import { count, entryName } from './common.js';
import { atlasChoice, censoredVolume, cleanDesign, studySource } from './study.js';

const fraction = z.number().min(0).max(1);

/** What to classify and how windows are cut; every field left out takes BUILD_DATASET_DEFAULTS. */
export const datasetDesign = z.strictObject({
  labelBy: z.enum(['task', 'trial_type']).optional(),
  /** The classes to keep (task names or trial_types); absent: all. */
  classes: z.array(z.string().min(1)).min(2).optional(),
  /** In volumes. */
  window: z.number().int().min(1).max(10_000).optional(),
  stride: z.number().int().min(1).max(10_000).optional(),
  /** Hemodynamic delay added to event onsets, seconds (trial_type labels only). */
  shiftSeconds: z.number().min(0).max(60).optional(),
  zscore: z.boolean().optional(),
  split: z.strictObject({ train: fraction.optional(), validation: fraction.optional(), test: fraction.optional() }).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  /** Denoise each run before windowing; absent: no cleaning. */
  clean: cleanDesign.optional(),
});

export const previewRequest = studySource.extend({ design: datasetDesign });
export const buildRequest = studySource.extend({ design: datasetDesign, atlas: atlasChoice.optional(), name: entryName });

const splitCounts = z.strictObject({ train: count, validation: count, test: count, total: count });
const splits = z.strictObject({ train: z.array(z.string()), validation: z.array(z.string()), test: z.array(z.string()) });

/** Windows per class and split before anything is parcellated, and what would go wrong. */
export const datasetPreview = z.strictObject({
  tr: z.number().nullable(),
  /** Every class the study offers for this labelling, and those the design keeps. */
  availableClasses: z.array(z.string()),
  classes: z.array(z.string()),
  windows: splitCounts,
  windowsPerClass: z.record(z.string(), splitCounts),
  splitSubjects: splits,
  droppedWindows: z.strictObject({ noEvent: count, noMajority: count }),
  warnings: z.array(z.string()),
  /** Present when cleaning censors: per run, the volumes left out and the windows they cost, as the build will count them. */
  cleaning: z.strictObject({
    runs: z.array(z.strictObject({ run: z.string(), censored: count, windowsLost: count, notCleaned: z.string().nullable() })),
    windowsLost: count,
  }).optional(),
});

/** src/study/summary.ts StudySummary. */
export const studySummary = z.strictObject({
  subjects: z.array(z.string()), runs: z.strictObject({ used: count, total: count }), tasks: z.array(z.string()), tr: z.number(),
  labelBy: z.enum(['task', 'trial_type']), window: count, stride: count, shiftSeconds: z.number(), regions: count,
  droppedRegions: z.array(z.strictObject({ label: z.number().nullable(), name: z.string(), reason: z.string() })),
  classes: z.array(z.string()), windows: splitCounts, windowsPerClass: z.record(z.string(), splitCounts), splitSubjects: splits,
  droppedWindows: z.strictObject({ noEvent: count, noMajority: count }),
  runsWithoutWindows: z.array(z.strictObject({ run: z.string(), file: z.string(), reason: z.string() })),
  skippedEventRows: count, parcellation: z.strictObject({ parcellated: count, fromCache: count, imported: count }), warnings: z.array(z.string()),
  /** Present only when the runs were cleaned (src/study/summary.ts CleaningSummary). */
  cleaning: z.strictObject({
    preset: z.string().nullable(),
    runs: z.array(z.strictObject({
      run: z.string(), confoundsFile: z.string().nullable(), confounds: count,
      censored: z.array(censoredVolume), windowsLost: count,
      notCleaned: z.string().nullable().optional(),
    })),
  }).optional(),
});

export const builtDataset = z.strictObject({ name: z.string(), summary: studySummary });
