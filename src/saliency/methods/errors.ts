import { InputError } from '../../errors.js';

/** Saliency options, samples or targets that cannot be used (a step count of 0, a label out of range…). */
export class SaliencyError extends InputError {}

/** Where option errors point: there is no file, the options are the "file". */
export const OPTIONS = 'saliency options';

/** Throws a SaliencyError about one option. */
export function badOption(code: string, field: string, value: unknown, expected: string): never {
  throw new SaliencyError(code, OPTIONS, field, value, expected);
}
