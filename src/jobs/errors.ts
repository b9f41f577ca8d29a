import { InputError } from '../errors.js';

/** A training run that cannot start or continue: bad options, unusable data, a run folder in the way. */
export class TrainingError extends InputError {}
