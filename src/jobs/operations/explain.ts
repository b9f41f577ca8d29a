import type { BackendChoice, BackendReport } from '../../model/backend/types.js';
import { selectBackend } from '../../model/backend/select.js';
import type { ExplainRequest } from '../../saliency/explain-run.js';
import { writeSaliencyResult, type StoredSaliency } from '../../saliency/store.js';
import { throwIfCancelled } from '../../util/cancel.js';
import { explainRun } from '../explain-run.js';

export interface ExplainJob {
  request: ExplainRequest;
  batchSize: number;
  backend: BackendChoice;
  /** The saliency folder written (saliency.f32 + saliency.json). */
  out: string;
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
  const report = await selectBackend(job.backend);
  control.onBackend?.(report);
  const result = await explainRun(job.request, { batchSize: job.batchSize, onProgress: control.onProgress, signal: control.signal }, report.backend);
  throwIfCancelled(control.signal);
  await writeSaliencyResult(job.out, result);
  return { result, report };
}
