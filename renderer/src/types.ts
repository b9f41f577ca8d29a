/**
 * The renderer's names for the contract's payloads: every type is inferred from the zod schemas
 * in src/api, so a screen cannot drift from what the app sends.
 */
import type { z } from 'zod';
import type {
  ApiErrorData, ApiEvent, appInfo, atlasChoice, atlasInfo, backendChoice, backendReport, batchProgress, datasetPreview,
  defaults, epochMetrics, fileEntry, fileRoot, folderListing, imageSummary, jobInfo, jobOutcome, modelSpec,
  parcellationResult, picked, problem, progress, qcSeries, runDetails, runRow, studyListing, studyRow, studyRun,
  studySummary, builtDataset, trainEvent, trainOptions, workspaceListing,
} from '../../src/api/index.js';

export type { ApiErrorData, ApiEvent };
export type AppInfo = z.output<typeof appInfo>;
export type Defaults = z.output<typeof defaults>;
export type WorkspaceListing = z.output<typeof workspaceListing>;
export type StudyRow = z.output<typeof studyRow>;
export type StudyListing = z.output<typeof studyListing>;
export type StudyRun = z.output<typeof studyRun>;
export type Problem = z.output<typeof problem>;
export type AtlasChoice = z.output<typeof atlasChoice>;
export type AtlasInfo = z.output<typeof atlasInfo>;
export type ParcellationResult = z.output<typeof parcellationResult>;
export type QcSeries = z.output<typeof qcSeries>;
export type ImageSummary = z.output<typeof imageSummary>;
export type FileRoot = z.output<typeof fileRoot>;
export type FileEntry = z.output<typeof fileEntry>;
export type FolderListing = z.output<typeof folderListing>;
export type Picked = z.output<typeof picked>;
export type JobInfo = z.output<typeof jobInfo>;
export type JobOutcome = z.output<typeof jobOutcome>;
export type Progress = z.output<typeof progress>;
export type TrainEvent = z.output<typeof trainEvent>;
export type BatchProgress = z.output<typeof batchProgress>;
export type EpochMetrics = z.output<typeof epochMetrics>;
export type RunDetails = z.output<typeof runDetails>;
export type RunRow = z.output<typeof runRow>;
export type DatasetPreview = z.output<typeof datasetPreview>;
export type StudySummary = z.output<typeof studySummary>;
export type BuiltDataset = z.output<typeof builtDataset>;
export type BackendReport = z.output<typeof backendReport>;
export type BackendChoice = z.output<typeof backendChoice>;
export type ModelSpec = z.output<typeof modelSpec>;
export type TrainOptions = z.output<typeof trainOptions>;
