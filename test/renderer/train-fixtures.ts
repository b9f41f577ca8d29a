/** Payloads the Design and Train tests answer with; each passes its channel's schema (the fake client checks). */
import type { ApiEvent } from '../../src/api/index.js';
import type { AppInfo, DatasetPreview, RunDetails, RunRow, StudyListing, StudySummary, WorkspaceListing } from '../../renderer/src/types.js';

export const APP_INFO: AppInfo = {
  version: '0.1.0', mode: 'browser', nativeDialogs: false,
  workspace: { path: '/home/ana/studio', createdAt: '2026-12-01T10:00:00.000Z' },
  defaults: {
    dataset: { window: 10, stride: 5, labelBy: 'task', shiftSeconds: 0, zscore: true, split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 0 },
    train: {
      model: { cell: 'lstm', attention: 'none', variant: 'mean', hidden: 5, attentionDim: 50, hops: 20, inputDropout: 0.1, hiddenDropout: 0.1 },
      training: { epochs: 100, batchSize: 50, learningRate: 0.001, epsilon: 1e-8, seed: 0, patience: 10, monitor: 'val_loss', validationFraction: 0.1 },
      backend: 'auto',
    },
  },
};

export const STUDY: StudyListing = {
  handle: 'h_demoStudyHandle000001', source: '/home/ana/studio/studies/demo',
  subjects: ['01', '02', '03', '04', '05'], sessions: [], tasks: ['motor', 'rest'], runs: [], problems: [],
};

const counts = (train: number, validation: number, test: number) => ({ train, validation, test, total: train + validation + test });

/** The preview the fake app gives: by task two classes, by trial_type three (each with its counts). */
export function previewFor(labelBy: 'task' | 'trial_type', classes?: string[]): DatasetPreview {
  type Counts = ReturnType<typeof counts>;
  const all: Record<string, Counts> = labelBy === 'task'
    ? { motor: counts(36, 12, 12), rest: counts(30, 10, 10) }
    : { left: counts(18, 6, 6), right: counts(17, 6, 5), fixation: counts(4, 1, 1) };
  const kept = classes ?? Object.keys(all);
  const perClass: Record<string, Counts> = Object.fromEntries(kept.map((c) => [c, all[c]]));
  const sum = (side: 'train' | 'validation' | 'test') => kept.reduce((a, c) => a + perClass[c][side], 0);
  return {
    tr: 2,
    availableClasses: Object.keys(all),
    classes: kept,
    windows: counts(sum('train'), sum('validation'), sum('test')),
    windowsPerClass: perClass,
    splitSubjects: { train: ['01', '03', '05'], validation: ['02'], test: ['04'] },
    droppedWindows: { noEvent: labelBy === 'task' ? 0 : 7, noMajority: labelBy === 'task' ? 0 : 2 },
    warnings: labelBy === 'task' ? [] : ['class fixation has only 4 training windows (fewer than 20): too few to learn it well'],
  };
}

export function summaryOf(preview: DatasetPreview): StudySummary {
  return {
    subjects: STUDY.subjects, runs: { used: 10, total: 10 }, tasks: STUDY.tasks, tr: 2, labelBy: 'task', window: 10, stride: 5, shiftSeconds: 0,
    regions: 114, droppedRegions: [{ label: 9001, name: 'Vermis_10', reason: 'no voxel on the run grid' }],
    classes: preview.classes, windows: preview.windows, windowsPerClass: preview.windowsPerClass, splitSubjects: preview.splitSubjects,
    droppedWindows: preview.droppedWindows, runsWithoutWindows: [], skippedEventRows: 0,
    parcellation: { parcellated: 10, fromCache: 0, imported: 0 }, warnings: [],
  };
}

const MODEL = { cell: 'lstm', attention: 'input-cell', variant: 'mean', hidden: 16, attentionDim: 50, hops: 20, inputDropout: 0.1, hiddenDropout: 0.1, inputSize: 116, classes: 2 } as const;
const TRAINING = { ...APP_INFO.defaults.train.training, epochs: 20 };

function run(name: string, extra: Partial<RunRow>): RunRow {
  return { name, path: `/home/ana/studio/runs/${name}`, dataset: 'demo-task-w10', model: { ...MODEL }, training: { ...TRAINING }, backend: 'cpu', results: [], ...extra };
}

/** Three runs whose test accuracies sort b (0.91) > a (0.74) > c (none: stopped before its test). */
export const RUNS: RunRow[] = [
  run('run-a', { status: 'finished', epochs: 20, bestEpoch: 14, valAccuracy: 0.8, testAccuracy: 0.74, wallSeconds: 95 }),
  run('run-c', { status: 'stopped', epochs: 6, bestEpoch: 5, wallSeconds: 30 }),
  run('run-b', { status: 'finished', epochs: 12, bestEpoch: 9, valAccuracy: 0.88, testAccuracy: 0.91, wallSeconds: 61, model: { ...MODEL, cell: 'gru', attention: 'none' } }),
];

export const LISTING: WorkspaceListing = {
  workspace: APP_INFO.workspace,
  studies: [{ name: 'demo', path: STUDY.source, handle: STUDY.handle }],
  datasets: [
    { name: 'older-set', path: '/home/ana/studio/datasets/older-set', classes: ['a', 'b'], regions: 90, samples: 200 },
    { name: 'demo-task-w10', path: '/home/ana/studio/datasets/demo-task-w10', classes: ['motor', 'rest'], regions: 114, samples: 110 },
  ],
  runs: RUNS,
  reports: [],
};

export const epochMetrics = (epoch: number, bestEpoch = epoch) => ({
  epoch, trainLoss: 1 / epoch, trainAccuracy: 0.5 + epoch / 100, valLoss: 1.2 / epoch, valAccuracy: 0.45 + epoch / 100,
  improved: bestEpoch === epoch, bestEpoch, seconds: 1.5, etaSeconds: 10, liveTensors: 40,
});

/** run-a opened: its settings, epochs, and a 2-class confusion matrix (rest: 9 of 10 right; motor: 8 of 12). */
export const RUN_A: RunDetails = {
  name: 'run-a', status: 'finished', dataset: 'demo-task-w10', model: { ...MODEL }, training: { ...TRAINING }, backend: 'cpu',
  classes: ['motor', 'rest'],
  metrics: [1, 2, 3, 4].map((e) => epochMetrics(e, Math.min(e, 3))),
  summary: {
    epochs: 4, bestEpoch: 3, stoppedEarly: false, valAccuracy: 0.8, testAccuracy: 0.74,
    confusion: [[8, 4], [1, 9]], wallSeconds: 95, resumes: 0, backendReason: 'the only backend here',
  },
};

export const jobStarted = (jobId: string, kind: 'buildDataset' | 'train', target: string): ApiEvent => ({
  kind: 'job.started',
  job: { jobId, kind, title: `${kind} ${target}`, state: 'running', startedAt: '2026-12-01T10:05:00.000Z', progress: null, target, error: null },
});
