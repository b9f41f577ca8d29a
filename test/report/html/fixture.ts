import { loadAtlas } from '../../../src/atlas/load.js';
import { DEFAULT_TRAIN_OPTIONS, type EpochMetrics, type TrainSummary } from '../../../src/jobs/types.js';
import type { RunConfig } from '../../../src/jobs/run-dir.js';
import type { ModelConfig } from '../../../src/model/types.js';
import { computeAggregates } from '../../../src/report/aggregates.js';
import type { ReportContext, ReportInputs } from '../../../src/report/context.js';
import type { Dataset } from '../../../src/study/dataset.js';
import { shared } from '../../helpers/shared-data.js';

/** Eight real AAL regions: [label, name]. */
export const REGIONS: [number, string][] = [
  [1, 'Precentral_L'], [2, 'Precentral_R'], [43, 'Calcarine_L'], [44, 'Calcarine_R'],
  [37, 'Hippocampus_L'], [38, 'Hippocampus_R'], [57, 'Postcentral_L'], [71, 'Caudate_L'],
];
export const CLASSES = ['rest', 'motor', 'visual'];
export const SAMPLES = 9;
export const WINDOW = 12;
export const TR = 2;
export const CONFUSION = [[3, 0, 0], [0, 2, 1], [0, 1, 2]];
/** Steps 4–8 are task-ON in every sample. */
export const ON = (t: number) => t >= 4 && t <= 8;

/** Per class, how strongly each region (dataset order) carries saliency. */
const WEIGHTS = [
  [1, 1, 1, 1, 2, 2, 1, 1],
  [6, 4, 1, 1, 1, 1, 3, 1],
  [1, 1, 5, 5, 1, 1, 1, 1],
];

/** The known map: sample n (class n mod 3), step t, region r; signs alternate so |·| matters. */
export function mapValue(n: number, t: number, r: number): number {
  const c = n % 3;
  const inTime = c === 0 ? 1 : ON(t) ? 3 : 1;
  const perSample = 1 + 0.1 * ((n + 2 * r) % 4);
  return ((t + r) % 2 ? -1 : 1) * WEIGHTS[c][r] * inTime * perSample;
}

/** The best model's files as a report opens them (made-up hashes). */
const MODEL_FILES = {
  files: {
    manifest: { path: '/data/runs/lstm-attention/best/model.json', bytes: 2345, sha256: 'd'.repeat(64) },
    weights: { path: '/data/runs/lstm-attention/best/weights.bin', bytes: 4096, sha256: 'e'.repeat(64) },
  },
  identity: { sha256: 'd'.repeat(64), weightsSha256: 'e'.repeat(64) },
};

// Read once per test file: contexts only read the atlas.
let aal: ReturnType<typeof loadAtlas> | undefined;

export interface FixtureOptions {
  /** Replaces region 0's name (escaping tests). */
  firstRegionName?: string;
  datasetDir?: string;
}

/** A complete ReportContext built by hand: no training, no files but the shared AAL atlas. */
export async function fixtureContext(options: FixtureOptions = {}): Promise<ReportContext> {
  const names = REGIONS.map(([, name], i) => (i === 0 && options.firstRegionName !== undefined ? options.firstRegionName : name));
  const data = new Float32Array(SAMPLES * WINDOW * REGIONS.length);
  for (let n = 0; n < SAMPLES; n++) for (let t = 0; t < WINDOW; t++) for (let r = 0; r < REGIONS.length; r++) data[(n * WINDOW + t) * REGIONS.length + r] = mapValue(n, t, r);
  const datasetDir = options.datasetDir ?? '/data/study/dataset';
  const model: ModelConfig = { cell: 'lstm', attention: 'input-cell', variant: 'mean', inputSize: REGIONS.length, hidden: 16, classes: 3, attentionDim: 50, hops: 20, inputDropout: 0.1, hiddenDropout: 0.1 };
  const training = { ...DEFAULT_TRAIN_OPTIONS, epochs: 30, patience: 5 };
  const subjects = ['01', '02', '03'];
  const dataset: Dataset = {
    version: 1, regions: REGIONS.map(([label], i) => ({ label, name: names[i] })), classes: CLASSES, labelBy: 'task',
    window: WINDOW, stride: 6, shiftSeconds: 0, tr: TR, zscored: true, seed: 7,
    samples: Array.from({ length: SAMPLES }, (_, n) => ({ subject: subjects[n % 3], session: null, run: null, task: CLASSES[n % 3], onsetSeconds: 12 * n, label: n % 3, split: 'test' as const })),
    data: new Float32Array(SAMPLES * WINDOW * REGIONS.length),
  };
  const samples = dataset.samples.map((s, n) => ({ index: n, ...s, target: s.label, predicted: s.label, probability: 0.8 }));
  const metrics: EpochMetrics[] = Array.from({ length: 10 }, (_, e) => ({
    epoch: e + 1, trainLoss: 1.1 - 0.08 * e, trainAccuracy: 0.4 + 0.05 * e, valLoss: 1.1 - 0.06 * Math.min(e, 7) + 0.02 * Math.max(0, e - 7),
    valAccuracy: 0.4 + 0.04 * e, improved: e <= 7, bestEpoch: Math.min(e + 1, 8), seconds: 2, etaSeconds: 0, liveTensors: 100,
  }));
  const summary: TrainSummary = {
    format: 'saliency-studio-run-summary', version: 1, model: 'lstm', attention: 'input-cell', variant: 'mean', hidden: 16, modelConfig: model,
    backend: 'cpu', backendReason: 'requested', epochs: 10, maxEpochs: 30, bestEpoch: 8, stoppedEarly: true, monitor: 'val_loss', valLoss: 0.68, valAccuracy: 0.7,
    testAccuracy: 7 / 9, confusion: CONFUSION, classes: CLASSES, classWeights: [1, 1, 1], trainSamples: 36, validationSamples: 6,
    validationSource: 'carved', testSamples: SAMPLES, seed: 0, dataset: datasetDir, wallSeconds: 95, resumes: 0,
  };
  const config: RunConfig = {
    format: 'saliency-studio-run', version: 1, dataset: datasetDir, datasetShape: { samples: 51, window: WINDOW, regions: REGIONS.length },
    classes: CLASSES, regions: names, model, training,
    backend: { requested: 'cpu', report: { backend: 'cpu', requested: 'cpu', tfBackend: 'cpu', reason: 'requested', skipped: [] } },
    createdAt: '2025-01-02T03:04:05.000Z',
  };
  const labelsFile = shared('atlases', 'aal.nii.gz');
  const atlas = await (aal ??= loadAtlas(labelsFile));
  const steps = new Uint8Array(SAMPLES * WINDOW).map((_, i) => (ON(i % WINDOW) ? 1 : 0));
  const inputs: ReportInputs = {
    runDir: '/data/runs/lstm-attention', config, summary, metrics, model: MODEL_FILES, saliencyDir: '/data/runs/lstm-attention/saliency/grad',
    saliency: {
      index: {
        run: '/data/runs/lstm-attention', dataset: datasetDir, model: MODEL_FILES.identity, method: 'grad', params: { method: 'grad', target: 'true' }, samplesFrom: 'test',
        classes: CLASSES, regions: names, window: WINDOW, samples: samples.map(({ index, label, target, predicted, probability }) => ({ index, label, target, predicted, probability })),
        backend: 'cpu', seconds: 1.5, createdAt: '2025-01-02T04:00:00.000Z',
      },
      maps: { data, samples: SAMPLES, time: WINDOW, features: REGIONS.length },
    },
    datasetDir, dataset, regions: REGIONS.map(([label], index) => ({ index, label, name: names[index] })), samples, classes: CLASSES,
    time: { volumes: [...Array(WINDOW).keys()], seconds: [...Array(WINDOW).keys()].map((t) => t * TR), tr: TR },
    atlas: { atlas, labelsFile, namesFile: atlas.namesFile, bundled: true, space: 'mni', labelOfRegion: REGIONS.map(([label]) => label) },
    onSteps: { steps, source: 'synthetic-ground-truth' },
    functionalReference: null,
  };
  return {
    ...inputs,
    aggregates: computeAggregates(inputs),
    provenance: {
      format: 'saliency-studio-report-provenance', version: 1, app: { name: 'saliency-studio', version: '0.1.0' }, createdAt: '2025-01-02T05:06:07.000Z',
      backend: { training: 'cpu', saliency: 'cpu' },
      files: [
        { role: 'run config', path: '/data/runs/lstm-attention/config.json', bytes: 1234, sha256: 'a'.repeat(64) },
        { role: 'dataset', path: `${datasetDir}/dataset.json`, bytes: 5678, sha256: 'b'.repeat(64) },
        { role: 'atlas labels', path: labelsFile, bytes: 163644, sha256: 'c'.repeat(64) },
      ],
      atlas: { labels: labelsFile, names: atlas.namesFile, bundled: true, space: 'mni' },
      design: {
        classes: CLASSES, tasks: CLASSES, labelBy: 'task', window: WINDOW, stride: 6, shiftSeconds: 0, tr: TR, zscored: true, splitSeed: 7, trainingSeed: 0,
        samples: { train: 36, validation: 6, test: SAMPLES }, validationSource: 'carved', subjects,
      },
      model,
      training: { options: training, epochs: 10, maxEpochs: 30, bestEpoch: 8, stoppedEarly: true, valLoss: 0.68, valAccuracy: 0.7, testAccuracy: 7 / 9, confusion: CONFUSION, wallSeconds: 95 },
      saliency: { method: 'grad', params: { method: 'grad', target: 'true' }, samplesFrom: 'test', samples: SAMPLES, createdAt: '2025-01-02T04:00:00.000Z' },
      onSteps: 'synthetic-ground-truth',
    },
  };
}
