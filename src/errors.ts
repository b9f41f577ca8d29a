/**
 * Errors for bad user input. Every one names the file, the field, the value found and what
 * was expected, so the CLI and the UI can show one precise line without a stack trace.
 */
export class InputError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `NIFTI_DIM0`. */
    readonly code: string,
    readonly file: string,
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${file}: ${field} = ${formatValue(value)}; expected ${expected}`);
    this.name = new.target.name;
  }
}

/** A NIfTI file whose header or data cannot be read as the standard says. */
export class NiftiError extends InputError {}

/** An atlas (label image or names file) that cannot be used. */
export class AtlasError extends InputError {}

/** A study folder, events file, time-series table or dataset cache that cannot be used. */
export class StudyError extends InputError {}

/** A command-line argument that is missing or malformed. */
export class UsageError extends InputError {}

/** An output that could not be written (full disk, no permission, read-only…); nothing partial was left. */
export class OutputError extends InputError {}

/** A folder another operation is writing (its lock is held by a live process or thread); nothing was written. */
export class LockError extends InputError {}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return String(value);
}
