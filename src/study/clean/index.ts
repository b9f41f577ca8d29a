export { clean, type CleanOptions, type CleanResult } from './clean.js';
export { butterSos, type ButterType, type Section } from './butterworth-design.js';
export { butterworthSections, BUTTERWORTH_ORDER } from './butterworth.js';
export { sosfiltfilt, sosfiltZi, defaultPadLength } from './sosfiltfilt.js';
export { cosineDrift } from './cosine-drift.js';
export { pivotedQr, type PivotedQr } from './qr.js';
export { cubicSplineAt } from './spline.js';
export { detrendInPlace } from './detrend.js';
export type { Standardize } from './standardize.js';
