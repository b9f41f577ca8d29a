import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readVerifiedModel, writeModelDir } from '../../../src/jobs/model-dir.js';
import type { RunConfig } from '../../../src/jobs/run-dir.js';
import { DEFAULT_TRAIN_OPTIONS, type EpochMetrics, type TrainSummary } from '../../../src/jobs/types.js';
import { DEFAULT_MODEL_CONFIG } from '../../../src/model/types.js';
import { writeSaliencyResult, type SaliencyIndex } from '../../../src/saliency/store.js';
import { writeDatasetCache } from '../../../src/study/cache.js';
import type { Dataset, DatasetRegion, SampleMeta } from '../../../src/study/dataset.js';

/** Three AAL regions by their real label values and names (assets/atlases/aal.nii.txt). */
export const AAL_REGIONS: DatasetRegion[] = [
  { label: 1, name: 'Precentral_L' },
  { label: 2, name: 'Precentral_R' },
  { label: 3, name: 'Frontal_Sup_L' },
];
/** The third class has no explained sample; its name needs quoting in CSV and TSV. */
export const CLASSES = ['motor', 'rest', 'lang, "read"'];
export const TR = 2;

/**
 * Two explained samples, window 2, three regions ([sample][time][region]); by hand:
 * sample 0 (motor) mean |map| per region [2, 0, 1] → shares [2/3, 0, 1/3];
 * sample 1 (rest) [1, 2, 0] → [1/3, 2/3, 0]. Importance mean [1/2, 1/3, 1/6], rank [1, 2, 3];
 * sd |a − b|/√2 = [1/3, 2/3, 1/3]/√2. Mean |map| per region × step: [[1, 2], [1, 1], [0.5, 0.5]].
 */
export const KNOWN_MAPS = [
  [[1, 0, -1], [3, 0, 1]],
  [[1, 2, 0], [1, -2, 0]],
];

export interface KnownRun {
  root: string;
  dataDir: string;
  runDir: string;
  saliencyDir: string;
  index: SaliencyIndex;
}

/** A finished run written by hand (no training): dataset cache, config, summary, metrics, a model (stand-in weights), and the known saliency maps of it. */
export async function writeKnownRun(root: string, options: { regions?: DatasetRegion[]; saliencyDir?: string; runInIndex?: string } = {}): Promise<KnownRun> {
  const regions = options.regions ?? AAL_REGIONS;
  const dataDir = path.join(root, 'data');
  const runDir = path.join(root, 'run');
  const saliencyDir = options.saliencyDir ?? path.join(runDir, 'saliency', 'grad');
  const sample = (subject: string, label: number, split: SampleMeta['split'], onsetSeconds: number): SampleMeta => ({ subject, session: null, run: '1', task: CLASSES[label], onsetSeconds, label, split });
  const samples = [sample('s1', 0, 'train', 0), sample('s1', 1, 'train', 4), sample('s2', 0, 'test', 0), sample('s2', 1, 'test', 4)];
  const dataset: Dataset = {
    version: 1, regions, classes: CLASSES, labelBy: 'task', window: 2, stride: 2, shiftSeconds: 0, tr: TR, zscored: true, seed: 7, samples,
    data: Float32Array.from({ length: samples.length * 2 * regions.length }, (_, i) => Math.sin(i)),
  };
  await writeDatasetCache(dataDir, dataset);
  await mkdir(path.join(runDir, 'best'), { recursive: true });
  const model = { ...DEFAULT_MODEL_CONFIG, inputSize: regions.length, classes: CLASSES.length };
  const report = { backend: 'cpu' as const, requested: 'cpu' as const, tfBackend: 'cpu', reason: 'asked for', skipped: [] };
  const config: RunConfig = {
    format: 'saliency-studio-run', version: 1, dataset: dataDir, datasetShape: { samples: 4, window: 2, regions: regions.length },
    classes: CLASSES, regions: regions.map((r) => r.name), model, training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 3, seed: 11 },
    backend: { requested: 'cpu', report }, createdAt: '2024-01-01T00:00:00.000Z',
  };
  const summary: TrainSummary = {
    format: 'saliency-studio-run-summary', version: 1, model: 'lstm', attention: 'none', variant: 'mean', hidden: 5, modelConfig: model,
    backend: 'cpu', backendReason: 'asked for', epochs: 3, maxEpochs: 3, bestEpoch: 2, stoppedEarly: false, monitor: 'val_loss', valLoss: 0.9, valAccuracy: 0.5,
    testAccuracy: 0.5, confusion: [[1, 0, 0], [1, 0, 0], [0, 0, 0]], classes: CLASSES, classWeights: [1, 1, 1], trainSamples: 1,
    validationSamples: 1, validationSource: 'carved', testSamples: 2, seed: 11, dataset: dataDir, wallSeconds: 1.5, resumes: 0,
  };
  const metrics: EpochMetrics[] = [1, 2, 3].map((epoch) => ({
    epoch, trainLoss: 1 / epoch, trainAccuracy: 0.5, valLoss: 0.9 + 0.01 * (epoch - 2) ** 2, valAccuracy: 0.5, improved: epoch <= 2, bestEpoch: Math.min(epoch, 2), seconds: 0.5, etaSeconds: 0, liveTensors: 10,
  }));
  await writeFile(path.join(runDir, 'config.json'), JSON.stringify(config, null, 2));
  await writeFile(path.join(runDir, 'summary.json'), JSON.stringify(summary, null, 2));
  await writeFile(path.join(runDir, 'metrics.jsonl'), metrics.map((m) => JSON.stringify(m) + '\n').join(''));
  const weights = { stand_in: { shape: [2], values: Float32Array.from([1, 2]) } };
  await writeModelDir(path.join(runDir, 'best'), { config: model, weights, classes: CLASSES, regions: regions.map((r) => r.name), epoch: 2 });
  const index: SaliencyIndex = {
    run: options.runInIndex ?? runDir, dataset: dataDir, model: (await readVerifiedModel(path.join(runDir, 'best'))).identity, method: 'grad', params: { target: 'true' }, samplesFrom: 'test',
    classes: CLASSES, regions: regions.map((r) => r.name), window: 2,
    samples: [{ index: 2, label: 0, target: 0, predicted: 0, probability: 0.6 }, { index: 3, label: 1, target: 1, predicted: 0, probability: 0.3 }],
    backend: 'cpu', seconds: 0.1, createdAt: '2024-01-02T00:00:00.000Z',
  };
  const data = Float32Array.from(KNOWN_MAPS.flat(2));
  await writeSaliencyResult(saliencyDir, { index, maps: { data, samples: 2, time: 2, features: regions.length } });
  return { root, dataDir, runDir, saliencyDir, index };
}
