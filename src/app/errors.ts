import { InputError } from '../errors.js';

/** A folder that is not (or no longer) a readable workspace. */
export class WorkspaceError extends InputError {}
