import { InputError } from '../../errors.js';

/** A backend that was asked for explicitly but cannot be used here. */
export class BackendError extends InputError {}
