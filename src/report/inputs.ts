import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readVerifiedModel, type VerifiedModel } from '../jobs/model-dir.js';
import { readMetrics, requireFinishedRun, runPath } from '../jobs/run-dir.js';
import { readRunConfig } from '../jobs/run-setup.js';
import { readSaliencyResult, SALIENCY_JSON, type StoredSaliency } from '../saliency/store.js';
import { readDatasetCache, DATASET_JSON } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import { openReportAtlas, type AtlasChoice } from './atlas-input.js';
import type { OnSteps, ReportInputs, ReportSample } from './context.js';
import { ReportError } from './errors.js';
import { knownOnSteps } from './on-steps.js';

/** What a report is made from; only the run is required. */
export interface ReportInputOptions {
  runDir: string;
  /** The saliency result to report; its default folder is the caller's to name (app/layout.ts). */
  saliencyDir: string;
  /** Default: the bundled AAL when every dataset region carries an atlas label; else none. */
  atlas?: AtlasChoice;
  /** A functional image whose grid the NIfTI maps are also written on. */
  functionalReference?: string;
  /** Task-ON steps [samples × time] in the saliency result's sample order, when the caller knows them. */
  onSteps?: OnSteps;
}

/**
 * Opens everything a report needs (run config, summary, metrics, best model, saliency result,
 * dataset, atlas, ON steps) and checks they belong together: a saliency result of another run
 * or of other weights than the run's best model, or a dataset or atlas whose regions differ
 * from the run's, is a ReportError naming both sides. The best model's weights are checked
 * against its manifest, so a truncated or replaced weights.bin is refused too.
 */
export async function openReportInputs(options: ReportInputOptions): Promise<ReportInputs> {
  const runDir = path.resolve(options.runDir);
  const summary = await requireFinishedRun(runDir);
  const config = await readRunConfig(runDir);
  const metrics = await readMetrics(runDir);
  const saliencyDir = path.resolve(options.saliencyDir);
  const saliency = await readSaliencyResult(saliencyDir);
  const { saved: _weights, ...model } = await readVerifiedModel(runPath(runDir, 'best'));
  const datasetDir = path.resolve(config.dataset);
  const dataset = await readDatasetCache(datasetDir);
  checkSaliency(saliency, saliencyDir, runDir, config.dataset, config.classes, config.regions);
  checkModel(saliency, saliencyDir, runDir, model);
  checkDataset(dataset, datasetDir, config.classes, config.regions, saliency);
  const samples = reportSamples(saliency, dataset);
  const time = { volumes: [...Array(dataset.window).keys()], seconds: [...Array(dataset.window).keys()].map((t) => t * dataset.tr), tr: dataset.tr };
  const onSteps = options.onSteps ?? (await knownOnSteps(datasetDir, saliency.index.samples.map((s) => s.index), dataset.window));
  if (onSteps && onSteps.steps.length !== samples.length * dataset.window) {
    throw new ReportError('REPORT_ON_STEPS', 'report options', 'onSteps.steps.length', onSteps.steps.length, `${samples.length * dataset.window} (samples × window)`);
  }
  return {
    runDir, config, summary, metrics, model, saliencyDir, saliency, datasetDir, dataset,
    regions: dataset.regions.map((r, index) => ({ index, label: r.label, name: r.name })),
    samples, classes: config.classes, time,
    atlas: await openReportAtlas(dataset, datasetDir, options.atlas),
    onSteps,
    functionalReference: options.functionalReference ? await existingFile(options.functionalReference, 'functionalReference') : null,
  };
}

async function existingFile(file: string, field: string): Promise<string> {
  const resolved = path.resolve(file);
  if (!(await stat(resolved).then((s) => s.isFile(), () => false))) throw new ReportError('REPORT_FILE_MISSING', resolved, field, resolved, 'an existing NIfTI image whose grid the maps are also written on');
  return resolved;
}

function checkSaliency(s: StoredSaliency, dir: string, runDir: string, datasetDir: string, classes: string[], regions: string[]): void {
  const file = path.join(dir, SALIENCY_JSON);
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new ReportError('REPORT_SALIENCY_MISMATCH', file, field, value, expected);
  };
  // A result inside the run folder moved with it; one elsewhere must name this run.
  const inside = !path.relative(runDir, dir).startsWith('..');
  if (path.resolve(s.index.run) !== runDir && !inside) fail('run', s.index.run, `${runDir} (this saliency result was computed from another run)`);
  if (path.resolve(s.index.dataset) !== path.resolve(datasetDir)) fail('dataset', s.index.dataset, `${datasetDir}, the run's dataset`);
  if (s.index.classes.join('\n') !== classes.join('\n')) fail('classes', s.index.classes, `the run's classes [${classes.join(', ')}]`);
  if (s.index.regions.join('\n') !== regions.join('\n')) fail('regions', `${s.index.regions.length} regions`, `the run's ${regions.length} regions in the same order`);
}

/** The maps must come from the weights the run's best model holds now (retraining replaces them). */
function checkModel(s: StoredSaliency, dir: string, runDir: string, model: Omit<VerifiedModel, 'saved'>): void {
  const stored = s.index.model;
  const now = model.identity;
  const field = stored.sha256 !== now.sha256 ? 'sha256' : stored.weightsSha256 !== now.weightsSha256 ? 'weightsSha256' : null;
  if (field === null) return;
  const of = field === 'sha256' ? model.files.manifest.path : model.files.weights.path;
  throw new ReportError('REPORT_MODEL_MISMATCH', path.join(dir, SALIENCY_JSON), `model.${field}`, stored[field],
    `${now[field]}, the SHA-256 of ${of} now (this saliency was computed from other weights than the run's best model; recompute it with \`saliency-studio saliency --run ${runDir}\`)`);
}

function checkDataset(d: Dataset, dir: string, classes: string[], regions: string[], s: StoredSaliency): void {
  const file = path.join(dir, DATASET_JSON);
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new ReportError('REPORT_DATASET_MISMATCH', file, field, value, expected);
  };
  if (d.classes.join('\n') !== classes.join('\n')) fail('classes', d.classes, `the run's classes [${classes.join(', ')}] (the dataset was rebuilt since training)`);
  const names = d.regions.map((r) => r.name);
  const differs = names.findIndex((n, i) => n !== regions[i]);
  if (names.length !== regions.length || differs >= 0) {
    const i = differs >= 0 ? differs : Math.min(names.length, regions.length);
    fail(`regions[${i}]`, names[i] ?? '(none)', `${regions[i] === undefined ? 'no region' : `"${regions[i]}"`}, as the run's ${regions.length} regions (the dataset was rebuilt since training)`);
  }
  if (d.window !== s.index.window) fail('window', d.window, `${s.index.window}, the saliency maps' time steps`);
  s.index.samples.forEach((e, k) => {
    if (e.index >= d.samples.length) fail(`samples (saliency sample ${k})`, e.index, `a dataset sample index < ${d.samples.length}`);
    if (d.samples[e.index].label !== e.label) fail(`samples[${e.index}].label`, d.samples[e.index].label, `${e.label}, as the saliency result records (the dataset changed since)`);
  });
}

function reportSamples(s: StoredSaliency, d: Dataset): ReportSample[] {
  return s.index.samples.map((e) => {
    const m = d.samples[e.index];
    return {
      index: e.index, subject: m.subject, session: m.session, run: m.run, task: m.task, onsetSeconds: m.onsetSeconds,
      split: m.split, label: e.label, target: e.target, predicted: e.predicted, probability: e.probability,
    };
  });
}
