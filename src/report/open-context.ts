import { computeAggregates } from './aggregates.js';
import type { ReportContext } from './context.js';
import { openReportInputs, type ReportInputOptions } from './inputs.js';
import { buildProvenance } from './provenance.js';

/** Opens a report's inputs and computes what every writer shares: aggregates and provenance. */
export async function openReportContext(options: ReportInputOptions, now = new Date()): Promise<ReportContext> {
  const inputs = await openReportInputs(options);
  const aggregates = computeAggregates(inputs);
  return { ...inputs, aggregates, provenance: await buildProvenance(inputs, now) };
}
