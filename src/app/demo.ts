import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_SEED } from '../demo/index.js';
import { runDemo, type DemoModelResult } from '../demo/run.js';
import { selectBackend } from '../model/backend/index.js';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import { findChromium } from '../report/html/chromium.js';
import type { ReportFormat } from '../report/index.js';
import type { OperationContext } from './context.js';

/** The demo's settings; every one left out has its default in DEMO_DEFAULTS. */
export interface RunDemoOptions {
  /** Where everything goes (study, dataset, runs, reports). */
  out?: string;
  /** Start over: regenerate the study and dataset and retrain both models. */
  force?: boolean;
  /** Seed of the generated study and the dataset split; the demo's expected scores are for DEMO_SEED. */
  seed?: number;
  /** A backend to select, or the report of one the caller already selected. */
  backend?: BackendChoice | BackendReport;
  /** What each model's report is written as; default `demoReportFormats().formats`. */
  formats?: ReportFormat[];
}

/** The one place the demo's defaults live. */
export const DEMO_DEFAULTS = {
  out: 'saliency-studio-demo',
  force: false,
  seed: DEMO_SEED,
  backend: 'auto',
} as const satisfies Required<Omit<RunDemoOptions, 'formats'>>;

/** Besides the signal and progress: the backend once chosen (before any work). */
export interface DemoContext extends OperationContext {
  onBackend?: (report: BackendReport) => void;
}

/** What the demo did: each model's training summary, scores and report folder. */
export interface RunDemoResult {
  /** The demo folder, absolute. */
  out: string;
  models: DemoModelResult[];
  backend: BackendReport;
  formats: ReportFormat[];
  /** Wall time of the whole operation. */
  seconds: number;
}

/** Every report format, with PDF only where a Chromium is found to print it (`pdf` says which). */
export function demoReportFormats(): { formats: ReportFormat[]; pdf: boolean } {
  const pdf = findChromium() !== null;
  return { formats: ['tsv', 'nifti', 'npy', 'json', 'html', ...(pdf ? ['pdf' as const] : [])], pdf };
}

/**
 * The whole job on the embedded demo study (src/demo/run.ts runDemo): generate, parcellate,
 * train each model, saliency, report, scored against the planted regions. Progress comes in
 * phases `generate`, `parcellate`, then `train`, `saliency` and `report` with the model's name
 * as `item` (a phase already done in `out` is skipped). Cancelled through `ctx.signal`, it
 * throws Cancelled (TrainingCancelled during training); what is done stays reusable.
 */
export async function runDemoOp(options: RunDemoOptions = {}, ctx: DemoContext = {}): Promise<RunDemoResult> {
  const o = { ...DEMO_DEFAULTS, ...options };
  const start = performance.now();
  const out = path.resolve(o.out);
  const backend = typeof o.backend === 'string' ? await selectBackend(o.backend) : o.backend;
  ctx.onBackend?.(backend);
  const formats = o.formats ?? demoReportFormats().formats;
  const models = await runDemo(out, backend, formats, { signal: ctx.signal, onProgress: ctx.onProgress }, { force: o.force, seed: o.seed });
  return { out, models, backend, formats, seconds: (performance.now() - start) / 1000 };
}
