import type { z } from 'zod';
import { exportReport } from '../../report/index.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.exportReport.args>;

/** Exports a report (all or nothing, report/export.ts); progress counts the formats written. */
export async function runExportReport(args: Args, control: OperationControl<never>): Promise<{ out: string; files: string[] }> {
  const { out, files } = await exportReport(args, {}, {
    signal: control.signal,
    onProgress: (done, total, format) => control.onProgress({ phase: 'export', done, total, etaSeconds: null, item: format }),
  });
  // The context holds typed arrays and the model: the caller opens the report it needs.
  return { out, files };
}
