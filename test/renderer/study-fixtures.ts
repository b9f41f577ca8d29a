/**
 * Payloads as the app sends them for a small BIDS study (3 subjects, tasks rest and motor, one
 * session) with three problems; each is checked against its schema by the tests that use it.
 */
import type { z } from 'zod';
import type { appInfo, atlasInfo, jobInfo, qcSeries, studyListing, workspaceListing } from '../../src/api/index.js';

const root = '/home/ana/studies/motor';
const func = (sub: string, task: string) => `${root}/sub-${sub}/ses-1/func/sub-${sub}_ses-1_task-${task}_bold.nii.gz`;
const handleOf = (n: number) => `h_run${String(n).padStart(13, '0')}`;

const grid = { shape: [91, 109, 91], voxelSize: [2, 2, 2], unit: 'mm', volumes: 120 };

function run(n: number, sub: string, task: string, extra: Partial<z.input<typeof studyListing>['runs'][number]> = {}) {
  return {
    name: `sub-${sub}_ses-1_task-${task}`, file: func(sub, task), fileHandle: handleOf(n), format: 'nifti' as const, subject: sub, session: '1', task, run: null,
    tr: 2, trOrigin: 'sidecar' as const, trFile: `${root}/task-${task}_bold.json`, headerTr: 2, grid, volumes: 120, regions: null,
    events: task === 'motor'
      ? { file: func(sub, task).replace('_bold.nii.gz', '_events.tsv'), count: 8, skipped: 0, trialTypes: ['left', 'right'] }
      : null,
    ...extra,
  };
}

export const STUDY: z.input<typeof studyListing> = {
  handle: 'h_study0000000000001',
  source: root,
  subjects: ['01', '02', '03'],
  sessions: ['1'],
  tasks: ['motor', 'rest'],
  runs: [
    run(1, '01', 'motor'),
    run(2, '01', 'rest'),
    run(3, '02', 'motor', { tr: 2.5, headerTr: 2, trFile: `${root}/sub-02/ses-1/func/sub-02_ses-1_task-motor_bold.json` }),
    run(4, '02', 'rest', { tr: null, trOrigin: null, trFile: null, headerTr: null }),
    run(5, '03', 'motor', { grid: { shape: [64, 64, 40], voxelSize: [3, 3, 3.5], unit: 'mm', volumes: 120 } }),
    run(6, '03', 'rest'),
  ],
  problems: [
    { severity: 'warning', file: `${root}/sub-02/ses-1/func/sub-02_ses-1_task-motor_bold.json`, message: 'RepetitionTime 2.5 s disagrees with the header\u2019s 2 s; the sidecar is used' },
    { severity: 'error', file: func('02', 'rest'), message: 'The repetition time is known nowhere: no sidecar, no manifest, and the header\u2019s pixdim[4] is 0' },
    { severity: 'warning', file: func('03', 'motor'), message: 'The grid 64 × 64 × 40 (3 × 3 × 3.5 mm) differs from the first run\u2019s 91 × 109 × 91 (2 × 2 × 2 mm)' },
  ],
};

export const WORKSPACE = { path: '/home/ana/SaliencyStudio', createdAt: '2026-12-01T21:00:00.000Z' };

export const EMPTY_LISTING: z.input<typeof workspaceListing> = { workspace: WORKSPACE, studies: [], datasets: [], runs: [], reports: [] };

export const DEMO_ROW = { name: 'demo', path: `${WORKSPACE.path}/studies/demo`, handle: 'h_demo00000000000001' };

export const APP_INFO: z.input<typeof appInfo> = {
  version: '0.1.0', mode: 'browser', nativeDialogs: false, workspace: WORKSPACE,
  defaults: {
    dataset: { window: 10, stride: 5, labelBy: 'task', shiftSeconds: 5, zscore: true, split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 1 },
    train: {
      model: { cell: 'lstm', attention: 'input-cell', variant: 'mean', hidden: 5, attentionDim: 50, hops: 20, inputDropout: 0, hiddenDropout: 0 },
      training: { epochs: 20, batchSize: 32, learningRate: 0.001, epsilon: 1e-7, seed: 1, patience: 5, monitor: 'val_loss', validationFraction: 0.2 },
      backend: 'auto',
    },
  },
};

export const AAL: z.input<typeof atlasInfo> = {
  name: 'AAL', bundled: true, warnings: [],
  regions: ['Precentral_L', 'Precentral_R', 'Frontal_Sup_L', 'Frontal_Sup_R', 'Supp_Motor_Area_L', 'Supp_Motor_Area_R', 'Cerebelum_10_L', 'Cerebelum_10_R']
    .map((name, i) => ({ label: 2001 + i, name })),
};

export function job(jobId: string, kind: z.input<typeof jobInfo>['kind'], title: string): z.input<typeof jobInfo> {
  return { jobId, kind, title, state: 'running', startedAt: '2026-12-01T22:00:00.000Z', progress: null, target: null, error: null };
}

/** The QC answer for sub-01's motor run: 120 volumes at TR 2 s, four blocks of two trial types. */
export function motorQc(regions: string[]): z.input<typeof qcSeries> {
  return {
    run: 'sub-01_ses-1_task-motor', tr: 2, volumes: 120,
    regions: regions.map((name, r) => ({ name, label: 2001 + r, values: Array.from({ length: 120 }, (_, v) => Math.sin(v / 5 + r)) })),
    events: [
      { onset: 10, duration: 20, trialType: 'left' },
      { onset: 60, duration: 20, trialType: 'right' },
      { onset: 110, duration: 20, trialType: 'left' },
      { onset: 160, duration: 20, trialType: 'right' },
    ],
    available: AAL.regions.map((r) => r.name).filter((n) => !n.startsWith('Cerebelum_10')),
  };
}
