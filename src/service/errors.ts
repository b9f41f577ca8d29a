import { InputError } from '../errors.js';

/** A request the service refuses: an unknown or forged file handle, a job id it never issued, a name already taken. */
export class ServiceInputError extends InputError {}

/** A capability this transport does not have (the native dialog in browser mode): a code and a plain sentence. */
export class NotAvailableError extends Error {
  readonly code = 'NOT_AVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'NotAvailableError';
  }
}
