import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../assets.js';
import { RUN_FILES } from '../jobs/run-dir.js';
import { SALIENCY_DATA, SALIENCY_JSON } from '../saliency/store.js';
import { DATASET_DATA, DATASET_JSON } from '../study/cache.js';
import { SYNTH_JSON, SYNTH_MASK } from '../synth/index.js';
import type { Provenance, ReportInputs } from './context.js';
import { describeExisting } from './file-hash.js';

/**
 * What produced a report: app version, date, backends, every input file with its size and
 * SHA-256, the study design, model, training summary and saliency method. Enough to trace a
 * figure back to exactly the data, weights and settings it came from. The model's two files
 * are listed as they were verified on opening (model.json as read, the weights as its
 * manifest records them), never hashed again after the check.
 */
export async function buildProvenance(inputs: ReportInputs, now = new Date()): Promise<Provenance> {
  const { runDir, config, summary, dataset, saliency, atlas, model } = inputs;
  const pkg = JSON.parse(await readFile(path.join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  const runFiles = await describeExisting([
    ['run config', path.join(runDir, RUN_FILES.config)],
    ['run summary', path.join(runDir, RUN_FILES.summary)],
    ['training metrics', path.join(runDir, RUN_FILES.metrics)],
  ]);
  const modelFiles = [{ role: 'model', ...model.files.manifest }, { role: 'model weights', ...model.files.weights }];
  const dataFiles = await describeExisting([
    ['dataset', path.join(inputs.datasetDir, DATASET_JSON)],
    ['dataset values', path.join(inputs.datasetDir, DATASET_DATA)],
    ['synthetic ground truth', path.join(inputs.datasetDir, SYNTH_JSON)],
    ['synthetic ground-truth masks', path.join(inputs.datasetDir, SYNTH_MASK)],
    ['saliency', path.join(inputs.saliencyDir, SALIENCY_JSON)],
    ['saliency maps', path.join(inputs.saliencyDir, SALIENCY_DATA)],
    ...(atlas ? [['atlas labels', atlas.labelsFile] as [string, string]] : []),
    ...(atlas?.namesFile ? [['atlas names', atlas.namesFile] as [string, string]] : []),
    ...(inputs.functionalReference ? [['functional reference', inputs.functionalReference] as [string, string]] : []),
  ]);
  const files = [...runFiles, ...modelFiles, ...dataFiles];
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    format: 'saliency-studio-report-provenance', version: 1,
    app: { name: pkg.name, version: pkg.version },
    createdAt: now.toISOString(),
    backend: { training: summary.backend, saliency: saliency.index.backend },
    files,
    atlas: atlas ? { labels: atlas.labelsFile, names: atlas.namesFile, bundled: atlas.bundled, space: atlas.space } : null,
    design: {
      classes: config.classes, tasks: unique(dataset.samples.map((s) => s.task)), labelBy: dataset.labelBy,
      window: dataset.window, stride: dataset.stride, shiftSeconds: dataset.shiftSeconds, tr: dataset.tr, zscored: dataset.zscored,
      splitSeed: dataset.seed, trainingSeed: config.training.seed,
      samples: { train: summary.trainSamples, validation: summary.validationSamples, test: summary.testSamples },
      validationSource: summary.validationSource,
      subjects: unique(dataset.samples.map((s) => s.subject)),
    },
    model: config.model,
    training: {
      options: config.training, epochs: summary.epochs, maxEpochs: summary.maxEpochs, bestEpoch: summary.bestEpoch,
      stoppedEarly: summary.stoppedEarly, valLoss: summary.valLoss, valAccuracy: summary.valAccuracy,
      testAccuracy: summary.testAccuracy, confusion: summary.confusion, wallSeconds: summary.wallSeconds,
    },
    saliency: {
      method: saliency.index.method, params: saliency.index.params, samplesFrom: saliency.index.samplesFrom,
      samples: saliency.index.samples.length, createdAt: saliency.index.createdAt,
      // The faithfulness check stored with the maps (saliency --masked-accuracy), when it was run.
      ...(saliency.index.maskedAccuracy ? { maskedAccuracy: saliency.index.maskedAccuracy } : {}),
      // The model-parameter randomisation check stored with the maps (saliency --randomisation), when it was run.
      ...(saliency.index.randomisation ? { randomisation: saliency.index.randomisation } : {}),
    },
    onSteps: inputs.onSteps?.source ?? null,
  };
}
