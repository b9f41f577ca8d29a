import { z } from 'zod';
import { count, handle, problem } from './common.js';

/** A study to open: a BIDS/fMRIPrep folder (optionally one space) or a run manifest file, by handle. */
export const studySource = z.strictObject({ source: handle, space: z.string().min(1).max(100).optional() });

/** The bundled AAL (absent), or the user's label image and optional names file. */
export const atlasChoice = z.strictObject({ labels: handle, names: handle.optional(), allowUnnamed: z.boolean().optional() });

const runGrid = z.strictObject({ shape: z.array(count), voxelSize: z.array(z.number()), unit: z.string(), volumes: count });

export const studyRun = z.strictObject({
  name: z.string(),
  file: z.string(),
  /** The run's file, for `study.inspect` (the renderer never sends a path); absent where none was issued. */
  fileHandle: handle.optional(),
  format: z.enum(['nifti', 'table']),
  subject: z.string(),
  session: z.string().nullable(),
  task: z.string(),
  run: z.string().nullable(),
  tr: z.number().nullable(),
  trOrigin: z.enum(['sidecar', 'manifest', 'header']).nullable(),
  trFile: z.string().nullable(),
  headerTr: z.number().nullable(),
  grid: runGrid.nullable(),
  volumes: count.nullable(),
  regions: count.nullable(),
  events: z.strictObject({ file: z.string(), count, skipped: count, trialTypes: z.array(z.string()) }).nullable(),
});

/** src/app/open-study.ts StudyListing, plus the handle the study is known by. */
export const studyListing = z.strictObject({
  handle,
  source: z.string(),
  subjects: z.array(z.string()),
  sessions: z.array(z.string()),
  tasks: z.array(z.string()),
  runs: z.array(studyRun),
  problems: z.array(problem),
});

export const atlasRegion = z.strictObject({ label: z.number().int(), name: z.string() });

/** An atlas as loaded: its name, regions and what loading it warned about. */
export const atlasInfo = z.strictObject({ name: z.string(), bundled: z.boolean(), regions: z.array(atlasRegion), warnings: z.array(z.string()) });

/** What parcellating a study did, run by run: regions with no voxel on a run's grid are dropped. */
export const parcellationResult = z.strictObject({
  runs: z.array(z.strictObject({
    name: z.string(), file: z.string(), fromCache: z.boolean(), volumes: count, regions: count,
    vanished: z.array(atlasRegion), warnings: z.array(z.string()),
  })),
  /** Runs that are tables (already region time series): nothing to parcellate. */
  imported: z.array(z.string()),
});

const expansion = z.enum(['basic', 'power2', 'derivatives', 'full']);
const hz = z.number().positive().max(100).nullable();

/**
 * How each run is denoised before windowing (src/study/clean-run.ts CleanSettings), in
 * nilearn's names: `preset` is `load_confounds_strategy`'s (null: no confounds read), the
 * rest `signal.clean`'s; every field left out takes nilearn's default.
 */
export const cleanDesign = z.strictObject({
  preset: z.enum(['simple', 'scrubbing', 'compcor']).nullable().optional(),
  detrend: z.boolean().optional(),
  /** false: no standardisation by the cleaning (the per-run z-score still follows where chosen). */
  standardize: z.union([z.enum(['zscore_sample', 'psc']), z.literal(false)]).optional(),
  /** Butterworth cut-offs in Hz; null: none. */
  low_pass: hz.optional(),
  high_pass: hz.optional(),
  /** The preset's confound strategy, changed (load_confounds parameters). */
  confounds: z.strictObject({
    motion: expansion.optional(),
    wm_csf: expansion.optional(),
    /** A model adds global-signal regression; null: none. */
    global_signal: expansion.nullable().optional(),
    compcor: z.enum(['anat_combined', 'anat_separated', 'temporal', 'temporal_anat_combined', 'temporal_anat_separated']).optional(),
    n_compcor: z.union([z.number().int().positive(), z.literal('all')]).optional(),
    demean: z.boolean().optional(),
    /** false: leave out fMRIPrep's cosine (high-pass) regressors; compcor needs them. */
    high_pass: z.boolean().optional(),
  }).optional(),
  /** Scrubbing thresholds: framewise displacement (mm) and std DVARS. */
  scrub: z.strictObject({ fd: z.number().positive().optional(), dvars: z.number().positive().optional() }).optional(),
  /** Runs without a confounds table are cleaned by the filters alone, with a warning, instead of failing the build. */
  whereAvailable: z.boolean().optional(),
});

const censorReason = z.enum(['non_steady_state', 'fd', 'dvars', 'segment']);
/** A volume the cleaning leaves out, and why. */
export const censoredVolume = z.strictObject({ volume: count, reason: censorReason });

export const qcRequest = studySource.extend({
  atlas: atlasChoice.optional(),
  /** The run, by its listing name. */
  run: z.string().min(1),
  /** Region names (atlas names); at most 12 lines in one plot. */
  regions: z.array(z.string().min(1)).min(1).max(12),
  /** Also return the regions cleaned so (same regions) and the volumes censored. */
  clean: cleanDesign.optional(),
});

/** A run's region mean time series and its events, for the QC plot (task blocks shaded). */
export const qcSeries = z.strictObject({
  run: z.string(),
  tr: z.number().nullable(),
  volumes: count,
  regions: z.array(z.strictObject({ name: z.string(), label: z.number().int().nullable(), values: z.array(z.number().nullable()) })),
  events: z.array(z.strictObject({ onset: z.number(), duration: z.number(), trialType: z.string() })),
  /** Every region name the run has, for the region picker. */
  available: z.array(z.string()),
  /** Present when cleaning was asked for: the same regions cleaned, one value per volume (null where censored). */
  cleaned: z.strictObject({
    regions: z.array(z.strictObject({ name: z.string(), values: z.array(z.number().nullable()) })),
    censored: z.array(censoredVolume),
    /** Why the preset's confounds were not applied (no table, whereAvailable); null when they were. */
    notCleaned: z.string().nullable(),
    warnings: z.array(z.string()),
  }).optional(),
});

const nullableNumber = z.number().nullable();

/** src/app/inspect.ts ImageSummary. */
export const imageSummary = z.strictObject({
  file: z.string(), format: z.string(), shape: z.array(count), datatype: z.string(), endianness: z.enum(['little', 'big']),
  zooms: z.array(z.number()), affine: z.array(z.array(z.number())), sformCode: z.number().int(), qformCode: z.number().int(),
  sclSlope: nullableNumber, sclInter: nullableNumber, scalingApplied: z.boolean(), tr: nullableNumber,
  spatialUnit: z.string(), timeUnit: z.string(), voxels: count, nonFinite: count, nan: count,
  min: nullableNumber, max: nullableNumber, sum: nullableNumber, mean: nullableNumber, warnings: z.array(z.string()),
});
