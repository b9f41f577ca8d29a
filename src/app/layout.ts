import path from 'node:path';
import { LOCK_FILE } from '../util/folder-lock.js';
import { RUN_FILES } from '../jobs/run-dir.js';
import { SALIENCY_DATA, SALIENCY_JSON } from '../saliency/store.js';
import { DATASET_DATA, DATASET_JSON } from '../study/cache.js';
import { SYNTH_JSON, SYNTH_MASK } from '../synth/index.js';

/**
 * The one place that names the folders an operation writes. File names inside a run, dataset
 * or saliency folder belong to the core module that reads and writes them; they are
 * re-exported here so a UI needs only this module.
 */
export { DATASET_DATA, DATASET_JSON, LOCK_FILE, RUN_FILES, SALIENCY_DATA, SALIENCY_JSON, SYNTH_JSON, SYNTH_MASK };

/** A run's saliency results live under `<run>/saliency/`. */
export const SALIENCY_FOLDER = 'saliency';

/** The method whose result a report uses when none is named (the paper's gradient). */
export const DEFAULT_REPORT_METHOD = 'grad';

/** A saliency result's folder name: the method, `-tsr` when rescaled (`grad`, `ig-tsr`). */
export const saliencyName = (method: string, tsr: boolean) => `${method}${tsr ? '-tsr' : ''}`;

/** The folder `saliency --method <method> [--tsr]` of a run writes to by default. */
export const saliencyResultDir = (runDir: string, method: string, tsr = false) => path.join(runDir, SALIENCY_FOLDER, saliencyName(method, tsr));

/** A run's stored saliency result by its folder name (`grad`, `ig-tsr`). */
export const saliencyResultPath = (runDir: string, result: string) => path.join(runDir, SALIENCY_FOLDER, result);

/** The saliency result a report of `runDir` reads unless told another. */
export const defaultReportSaliencyDir = (runDir: string) => saliencyResultDir(runDir, DEFAULT_REPORT_METHOD);

/** Where a dataset's parcellated runs are cached unless told another (`study --cache`). */
export const parcellationCacheDir = (datasetDir: string) => path.join(datasetDir, 'parcellations');

/** The folders of `demo --out <out>`. */
export const demoLayout = (out: string) => ({
  study: path.join(out, 'study'),
  dataset: path.join(out, 'dataset'),
  parcellations: path.join(out, 'parcellations'),
  run: (model: string) => path.join(out, 'runs', model),
  report: (model: string) => path.join(out, 'report', model),
});

/** The folders of `reproduce-paper --out <out>`: one data folder per dataset, one run per model. */
export const paperLayout = (out: string) => ({
  data: (dataset: string) => path.join(out, dataset, 'data'),
  // `+` is awkward in shells and some file systems: lstm+input-cell → lstm-input-cell.
  run: (dataset: string, model: string) => path.join(out, dataset, model.replace('+', '-')),
});

/** The marker file that makes a folder a workspace. */
export const WORKSPACE_JSON = 'workspace.json';

/** A workspace's subfolders, one per kind of thing a user keeps. */
export const WORKSPACE_FOLDERS = {
  studies: 'studies',
  datasets: 'datasets',
  runs: 'runs',
  reports: 'reports',
} as const;

export type WorkspaceFolder = keyof typeof WORKSPACE_FOLDERS;

/** The folder of kind `kind` named `name` inside workspace `root` (`runs/lstm-ica`). */
export const workspacePath = (root: string, kind: WorkspaceFolder, name?: string) =>
  name === undefined ? path.join(root, WORKSPACE_FOLDERS[kind]) : path.join(root, WORKSPACE_FOLDERS[kind], name);

/**
 * A workspace's one parcellation cache, shared by every study and dataset in it: entries are
 * keyed by the image and atlas files, so a second open of a study (or a dataset built from
 * it) reuses what an earlier one parcellated.
 */
export const workspaceCacheDir = (root: string) => path.join(root, 'cache', 'parcellations');
/** The workspace's cache of computed brain-view templates (a run's mean functional image). */
export const workspaceTemplateCacheDir = (root: string) => path.join(root, 'cache', 'templates');

/** The demo study's name: it goes to `workspacePath(root, 'studies', DEMO_STUDY_NAME)`. */
export const DEMO_STUDY_NAME = 'demo';
