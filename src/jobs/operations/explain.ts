import type { BackendChoice, BackendReport } from '../../model/backend/types.js';
import { selectBackend } from '../../model/backend/select.js';
import type { ExplainRequest } from '../../saliency/explain-run.js';
import { writeSaliencyResult, type StoredSaliency } from '../../saliency/store.js';
import { throwIfCancelled } from '../../util/cancel.js';
import { explainRun } from '../explain-run.js';

export interface ExplainJob {
  request: ExplainRequest;
  batchSize: number;
  /**
   * The backend to select (a choice), or the report of one the caller has already selected
   * and trained on (the demo, reproduce-paper): selecting it again could load a second
   * TensorFlow library beside the first.
   */
  backend: BackendChoice | BackendReport;
  /** The saliency folder written (saliency.f32 + saliency.json). */
  out: string;
  /** Explain only the first this many of the chosen samples (reproduce-paper's TSR columns). */
  firstSamples?: number;
}

export interface ExplainControl {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** The backend chosen, before any map is computed (the CLI prints it). */
  onBackend?(report: BackendReport): void;
}

/**
 * Computes a run's saliency on the chosen backend and stores it in `out`. Cancelled before
 * the maps are done, it writes nothing; the store writes each file atomically.
 */
export async function explainAndStore(job: ExplainJob, control: ExplainControl = {}): Promise<{ result: StoredSaliency; report: BackendReport }> {
  const report = typeof job.backend === 'string' ? await selectBackend(job.backend) : job.backend;
  control.onBackend?.(report);
  const result = await explainRun(
    job.request, { batchSize: job.batchSize, onProgress: control.onProgress, signal: control.signal }, report.backend,
    job.firstSamples === undefined ? {} : { firstSamples: job.firstSamples },
  );
  throwIfCancelled(control.signal);
  await writeSaliencyResult(job.out, result);
  return { result, report };
}
