import { InputError } from '../errors.js';

/** Report inputs that are missing or do not belong together, or an export that failed. */
export class ReportError extends InputError {}

/** An export that failed while writing or moving its files; the output folder was left as it was. */
export class ReportExportError extends Error {
  constructor(readonly out: string, readonly stage: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`report export to ${out} failed while ${stage}: ${why}; nothing was written there (the folder is as it was)`, { cause });
    this.name = 'ReportExportError';
  }
}
