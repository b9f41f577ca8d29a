import { InputError } from '../errors.js';

/** A model config, weight set or model input that cannot be used. */
export class ModelError extends InputError {}
