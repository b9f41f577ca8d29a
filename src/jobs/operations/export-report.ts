import type { z } from 'zod';
import { exportReportOp, type ExportReportResult } from '../../app/export-report.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.exportReport.args>;

/** Exports a report in the worker: the app's operation (one implementation), with the job's signal and progress. */
export async function runExportReport(args: Args, control: OperationControl<never>): Promise<ExportReportResult> {
  return exportReportOp(args, { signal: control.signal, onProgress: control.onProgress });
}
