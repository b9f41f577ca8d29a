/** Saliency maps scored against ground-truth masks (Ismail et al. 2019, 2020). */
export { MetricError } from './errors.js';
export type { SampleScores } from './scores.js';
export { weightedJaccard, euclideanDistance } from './overlap.js';
export { rocAuc, saliencyAuc } from './auc.js';
export { precisionRecall, DEFAULT_FRACTIONS, type PrecisionRecall, type PrecisionRecallOptions, type Curve } from './precision-recall.js';
export { maskedAccuracyDrop, type MaskedAccuracy, type MaskedAccuracyOptions } from './masked-accuracy.js';
export { KEEP_BY, type KeepBy } from './top-cells.js';
