/**
 * What each job operation takes, returns and streams, as zod schemas: the worker checks
 * `args` before running, the host checks `result` and `event`s it receives. Payloads that
 * already have a checker (a TrainRequest, a run summary, epoch metrics, the model config) are
 * wrapped once with fromChecker, so each field keeps one rule; ranges of saliency, study and
 * report options stay with the code that uses them, the schemas here check their shape.
 */
import { z } from 'zod';
import { BACKEND_CHOICES } from '../../model/backend/types.js';
import { REPORT_FORMATS } from '../../report/context.js';
import { INTEGRATION_RULES } from '../../saliency/methods/quadrature.js';
import { RANDOMISATION_MODES } from '../../saliency/randomisation-modes.js';
import { SALIENCY_METHODS } from '../../saliency/types.js';
import type { TrainEvent } from '../types.js';
import { checkSummary } from '../run-records.js';
import { fromChecker, type Checker } from '../protocol/from-checker.js';
import { checkTrainRequest } from '../worker/check-request.js';
import { WORKER_EVENT_CHECKS } from '../worker/check-events.js';

const path = z.string().min(1);
const count = z.number().int().min(0);

/** Training events by kind (backend, started, batch, epoch, checkpoint), each checked by its checker. */
const trainEvent = z.discriminatedUnion('kind', Object.entries(WORKER_EVENT_CHECKS).map(([kind, check]) =>
  z.strictObject({ kind: z.literal(kind), payload: fromChecker(check as Checker<unknown>) })) as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<TrainEvent>;

const train = {
  args: fromChecker(checkTrainRequest),
  result: fromChecker(checkSummary),
  event: trainEvent,
  /** A killed or cancelled session continues from its last checkpoint with `{ runDir, resume: true }`. */
  resumable: true,
};

const baseline = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('zeros') }),
  z.strictObject({ kind: z.literal('mean'), mean: z.array(z.number()).optional() }),
  z.strictObject({ kind: z.literal('random'), seed: z.number().optional() }),
]);

/** Saliency of a finished run, stored in `out` (saliency.f32 + saliency.json). */
const explain = {
  args: z.strictObject({
    request: z.strictObject({
      runDir: path,
      method: z.enum(SALIENCY_METHODS),
      samples: z.enum(['test', 'all']),
      target: z.enum(['true', 'predicted']),
      options: z.strictObject({
        baseline: baseline.optional(), steps: z.number().optional(), rule: z.enum(INTEGRATION_RULES).optional(),
        noiseSamples: z.number().optional(), sigma: z.number().optional(), seed: z.number().optional(),
        tsr: z.union([z.boolean(), z.strictObject({ alpha: z.number().optional(), featurePass: z.boolean().optional(), mask: baseline.optional() })]).optional(),
      }),
      maskedAccuracy: z.array(z.number()).optional(),
      randomisation: z.enum(RANDOMISATION_MODES).optional(),
    }),
    /** Rows per internal pass (memory only); lowered where that many would not fit. */
    batchSize: z.number(),
    backend: z.enum(BACKEND_CHOICES),
    out: path,
  }),
  result: z.strictObject({ out: z.string(), method: z.string(), samples: count, batchSize: count, backend: z.string() }),
  event: z.never(),
  resumable: false,
};

const splitCounts = z.strictObject({ train: count, validation: count, test: count, total: count });
const studySummary = z.strictObject({
  subjects: z.array(z.string()), runs: z.strictObject({ used: count, total: count }), tasks: z.array(z.string()), tr: z.number(),
  labelBy: z.enum(['task', 'trial_type']), window: count, stride: count, shiftSeconds: z.number(), regions: count,
  droppedRegions: z.array(z.strictObject({ label: z.number().nullable(), name: z.string(), reason: z.string() })),
  classes: z.array(z.string()), windows: splitCounts, windowsPerClass: z.record(z.string(), splitCounts),
  splitSubjects: z.strictObject({ train: z.array(z.string()), validation: z.array(z.string()), test: z.array(z.string()) }),
  droppedWindows: z.strictObject({ noEvent: count, noMajority: count }),
  runsWithoutWindows: z.array(z.strictObject({ run: z.string(), file: z.string(), reason: z.string() })),
  skippedEventRows: count, parcellation: z.strictObject({ parcellated: count, fromCache: count, imported: count }), warnings: z.array(z.string()),
  /** Present only when the runs were cleaned (src/study/summary.ts CleaningSummary). */
  cleaning: z.strictObject({
    preset: z.string().nullable(),
    runs: z.array(z.strictObject({
      run: z.string(), confoundsFile: z.string().nullable(), confounds: count,
      censored: z.array(z.strictObject({ volume: count, reason: z.enum(['non_steady_state', 'fd', 'dvars', 'segment']) })), windowsLost: count, notCleaned: z.string().nullable().optional(),
    })),
  }).optional(),
});

const studySource = z.union([z.strictObject({ dir: path, space: z.string().optional() }), z.strictObject({ manifest: path })]);
/** Absent: the bundled AAL with its names. */
const atlasChoice = z.strictObject({ labels: path.optional(), names: path.optional(), allowUnnamed: z.boolean().optional() }).optional();

/** A study → the dataset cache in `out`; the atlas goes as paths and is loaded in the worker. */
const assembleStudy = {
  args: z.strictObject({
    input: studySource,
    atlas: atlasChoice,
    window: z.number(), stride: z.number(), labelBy: z.enum(['task', 'trial_type']),
    /** Only these classes (tasks or trial types) become windows; absent: every one. */
    classes: z.array(z.string()).optional(),
    shiftSeconds: z.number().optional(), zscore: z.boolean().optional(),
    split: z.strictObject({ train: z.number().optional(), validation: z.number().optional(), test: z.number().optional() }).optional(),
    seed: z.number().optional(),
    /** Denoising before the z-score (src/study/clean-run.ts CleanSettings); absent: none. */
    clean: z.strictObject({
      preset: z.enum(['simple', 'scrubbing', 'compcor']).optional(),
      detrend: z.boolean().optional(), standardize: z.enum(['zscore_sample', 'psc']).nullable().optional(),
      lowPass: z.number().nullable().optional(), highPass: z.number().nullable().optional(),
      confounds: z.strictObject({
        motion: z.enum(['basic', 'power2', 'derivatives', 'full']).optional(), wm_csf: z.enum(['basic', 'power2', 'derivatives', 'full']).optional(), global_signal: z.enum(['basic', 'power2', 'derivatives', 'full']).nullable().optional(),
        compcor: z.enum(['anat_combined', 'anat_separated', 'temporal', 'temporal_anat_combined', 'temporal_anat_separated']).optional(),
        n_compcor: z.union([z.number(), z.literal('all')]).optional(), scrub: z.number().optional(),
        fd_threshold: z.number().optional(), std_dvars_threshold: z.number().optional(), demean: z.boolean().optional(),
        high_pass: z.boolean().optional(),
      }).optional(),
      scrub: z.strictObject({ fd: z.number().optional(), dvars: z.number().optional() }).optional(),
      whereAvailable: z.boolean().optional(),
    }).optional(),
    /** Parcellation cache (default `<out>/parcellations`): a rerun after a kill skips the runs it holds. */
    cacheDir: path.optional(),
    out: path,
  }),
  result: z.strictObject({ out: z.string(), summary: studySummary }),
  event: z.never(),
  resumable: true,
};

/** Every NIfTI run of a study parcellated into `cacheDir`; the runs already cached are kept, so a rerun after a kill skips them. */
const parcellateStudy = {
  args: z.strictObject({ input: studySource, atlas: atlasChoice, cacheDir: path }),
  result: z.strictObject({
    runs: z.array(z.strictObject({
      name: z.string(), file: z.string(), fromCache: z.boolean(), volumes: count, regions: count,
      vanished: z.array(z.strictObject({ label: z.number().int(), name: z.string() })), warnings: z.array(z.string()),
    })),
    imported: z.array(z.string()),
  }),
  event: z.never(),
  resumable: true,
};

/** The embedded demo study generated into `dir` (kept when it is already there); a killed one leaves no study and starts over. */
const demoStudy = {
  args: z.strictObject({ dir: path, seed: z.number().int().min(0).max(2 ** 32 - 1).optional() }),
  result: z.strictObject({ dir: z.string(), created: z.boolean() }),
  event: z.never(),
  resumable: false,
};

/** A region-importance report of a run and one of its saliency results, into `out`, all or nothing. */
const exportReport = {
  args: z.strictObject({
    runDir: path, out: path, formats: z.array(z.enum(REPORT_FORMATS)),
    /** The saliency result to report (its folder is the caller's to name). */
    saliencyDir: path,
    atlas: z.strictObject({ labels: path, names: path.optional() }).optional(),
    functionalReference: path.optional(),
    niftiOnlyWithAtlas: z.boolean().optional(),
  }),
  result: z.strictObject({ out: z.string(), files: z.array(z.string()) }),
  event: z.never(),
  resumable: false,
};

export const CONTRACTS = { train, explain, assembleStudy, exportReport, parcellateStudy, demoStudy };

export type OperationName = keyof typeof CONTRACTS;
export const OPERATION_NAMES = Object.keys(CONTRACTS) as [OperationName, ...OperationName[]];
export type OperationArgs<N extends OperationName> = z.output<(typeof CONTRACTS)[N]['args']>;
export type OperationResult<N extends OperationName> = z.output<(typeof CONTRACTS)[N]['result']>;
export type OperationEvent<N extends OperationName> = z.output<(typeof CONTRACTS)[N]['event']>;
