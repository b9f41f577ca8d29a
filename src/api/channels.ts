/**
 * The contract: every channel a renderer can call, with its request and response schema. IPC
 * handlers, HTTP routes, the preload and both clients are derived from this one map; the
 * events a client receives are `apiEvent` (schemas/jobs.ts).
 */
import { z } from 'zod';
import { handle, jobStarted, none } from './schemas/common.js';
import { buildRequest, datasetPreview, previewRequest } from './schemas/dataset.js';
import { fileRoot, folderListing, picked, pickRequest } from './schemas/files.js';
import { cancelRequest, jobInfo } from './schemas/jobs.js';
import { atlasChoice, atlasInfo, imageSummary, qcRequest, qcSeries, studyListing, studySource } from './schemas/study.js';
import { brainRequest, brainVolumes, computeRequest, exportRequest, opened, openRequest, resultRef, sampleMap, sampleRequest, saliencyView } from './schemas/saliency.js';
import { backendChoice, backendReport, modelSpec, resumeRequest, runDetails, runRequest, startRequest, trainOptions } from './schemas/train.js';
import { workspaceInfo, workspaceListing, workspaceOpenRequest } from './schemas/workspace.js';

const channel = <Q extends z.ZodType, R extends z.ZodType>(request: Q, response: R, doc: string) => ({ request, response, doc });

/** The defaults every form starts from, as the operations define them. */
export const defaults = z.strictObject({
  dataset: z.strictObject({
    window: z.number().int(), stride: z.number().int(), labelBy: z.enum(['task', 'trial_type']), shiftSeconds: z.number(), zscore: z.boolean(),
    split: z.strictObject({ train: z.number(), validation: z.number(), test: z.number() }), seed: z.number().int(),
  }),
  train: z.strictObject({ model: modelSpec, training: trainOptions, backend: backendChoice }),
});

export const appInfo = z.strictObject({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  /** Electron: the native open dialog (`files.pick`); browser mode: the folder browser (`files.browse`). */
  nativeDialogs: z.boolean(),
  workspace: workspaceInfo,
  defaults,
});

export const CHANNELS = {
  'app.info': channel(none, appInfo, 'The app: mode, workspace, defaults.'),

  'workspace.open': channel(workspaceOpenRequest, workspaceInfo, 'Opens (or makes) the workspace in a folder.'),
  'workspace.list': channel(none, workspaceListing, 'Studies, datasets, runs (with results) and reports of the workspace.'),

  'files.roots': channel(none, z.strictObject({ roots: z.array(fileRoot) }), 'The folders the folder browser may show.'),
  'files.browse': channel(z.strictObject({ handle }), folderListing, 'One folder inside the roots.'),
  'files.pick': channel(pickRequest, picked, 'The native open dialog (Electron only).'),

  'study.open': channel(studySource, studyListing, 'What a study holds and its problems, before parcellation.'),
  'study.demo': channel(none, jobStarted, 'Generates the embedded demo study in the workspace (a job).'),
  'study.inspect': channel(z.strictObject({ file: handle }), imageSummary, "A NIfTI image's header and statistics."),
  'study.parcellate': channel(studySource.extend({ atlas: atlasChoice.optional() }), jobStarted, "Parcellates every run into the workspace's cache (a job)."),
  'study.qc': channel(qcRequest, qcSeries, "A parcellated run's region means and events."),
  'atlas.describe': channel(z.strictObject({ atlas: atlasChoice.optional() }), atlasInfo, 'The atlas: bundled AAL, or the given label image and names.'),

  'dataset.preview': channel(previewRequest, datasetPreview, 'Windows per class and split, before building.'),
  'dataset.build': channel(buildRequest, jobStarted, 'Builds a dataset into datasets/<name> (a job).'),

  'train.backend': channel(z.strictObject({ choice: backendChoice }), backendReport, 'The compute backend a run would use, and why.'),
  'train.start': channel(startRequest, jobStarted, 'Trains a new run into runs/<name> (a job).'),
  'train.resume': channel(resumeRequest, jobStarted, 'Resumes a stopped or crashed run (a job).'),
  'train.run': channel(runRequest, runDetails, "A run's settings, curves and confusion matrix."),

  'saliency.compute': channel(computeRequest, jobStarted, "Computes a run's saliency maps into runs/<run>/saliency/<result> (a job)."),
  'saliency.view': channel(resultRef, saliencyView, 'A stored result as the saliency screen shows it (no recomputation).'),
  'saliency.sample': channel(sampleRequest, sampleMap, "One explained sample's map."),
  'brain.volumes': channel(brainRequest, brainVolumes, 'The template and the atlas label image a run was parcellated with, for the brain view.'),

  'report.export': channel(exportRequest, jobStarted, "Exports a result's report into a folder (a job)."),
  'files.open': channel(openRequest, opened, 'Opens a folder, or a file in it, with the system (desktop) or as a URL (browser mode).'),

  'jobs.list': channel(none, z.strictObject({ jobs: z.array(jobInfo) }), 'Jobs of this session, newest first.'),
  'jobs.cancel': channel(cancelRequest, none, 'Asks a job to stop at its next check.'),
} as const;

export type Channels = typeof CHANNELS;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;

/** The channel's method name on the preload's `api` global and on a client: `study.open` → `studyOpen`. */
export function methodName<C extends ChannelName>(channel: C): MethodName<C> {
  return channel.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase()) as MethodName<C>;
}

type Camel<S extends string> = S extends `${infer A}.${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
export type MethodName<C extends ChannelName> = Camel<C>;
