/** Region-importance reports: tables, NIfTI maps, .npy, provenance, HTML/PDF. */
export { REPORT_FORMATS, type ReportContext, type ReportFormat } from './context.js';
export { exportReport, type ExportRequest, type ExportResult } from './export.js';
export { openReportInputs, type ReportInputOptions } from './inputs.js';
export { openReportContext } from './open-context.js';
export { ReportError, ReportExportError } from './errors.js';
