import { InputError } from '../../errors.js';

/** Saliency maps, masks, labels or options that a metric or aggregation cannot score. */
export class MetricError extends InputError {}
