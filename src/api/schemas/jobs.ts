import { z } from 'zod';
import { apiErrorSchema } from '../errors.js';
import { jobId, progress } from './common.js';
import { builtDataset } from './dataset.js';
import { exportedReport } from './saliency.js';
import { parcellationResult } from './study.js';
import { trainEvent } from './train.js';
import { studyRow } from './workspace.js';

/** What a job is doing: the kinds of long operation the app runs off the UI thread. */
export const jobKind = z.enum(['demoStudy', 'parcellate', 'buildDataset', 'train', 'saliency', 'exportReport']);

export const jobState = z.enum(['running', 'done', 'failed', 'cancelled']);

export const jobInfo = z.strictObject({
  jobId,
  kind: jobKind,
  /** What the jobs list shows ("Train lstm-ica on demo"). */
  title: z.string(),
  state: jobState,
  startedAt: z.string(),
  progress: progress.nullable(),
  /** The run or dataset it writes (by workspace name), when it writes one. */
  target: z.string().nullable(),
  error: apiErrorSchema.nullable(),
});

/** A finished job's result, by the kind of job. */
export const jobOutcome = z.discriminatedUnion('job', [
  z.strictObject({ job: z.literal('demoStudy'), result: studyRow }),
  z.strictObject({ job: z.literal('parcellate'), result: parcellationResult }),
  z.strictObject({ job: z.literal('buildDataset'), result: builtDataset }),
  z.strictObject({ job: z.literal('train'), result: z.strictObject({ run: z.string(), epochs: z.number().int(), bestEpoch: z.number().int(), valAccuracy: z.number(), testAccuracy: z.number() }) }),
  z.strictObject({ job: z.literal('saliency'), result: z.strictObject({ run: z.string(), result: z.string(), method: z.string(), samples: z.number().int(), seconds: z.number() }) }),
  z.strictObject({ job: z.literal('exportReport'), result: exportedReport }),
]);

/** Events a client receives, each naming its job. */
export const apiEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('job.started'), job: jobInfo }),
  z.strictObject({ kind: z.literal('job.progress'), jobId, progress }),
  z.strictObject({ kind: z.literal('job.train'), jobId, event: trainEvent }),
  z.strictObject({ kind: z.literal('job.done'), jobId, outcome: jobOutcome }),
  z.strictObject({ kind: z.literal('job.failed'), jobId, error: apiErrorSchema, cancelled: z.boolean() }),
  /** Something in the workspace changed (a run finished, a dataset was built): lists are stale. */
  z.strictObject({ kind: z.literal('workspace.changed') }),
]);

export const cancelRequest = z.strictObject({ jobId });
