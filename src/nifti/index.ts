export { openNifti, readNifti, type NiftiReader } from './open.js';
export { imageStats, type ImageStats } from './stats.js';
export type { NiftiHeader, SpatialUnit, TimeUnit } from './header.js';
export type { Affine } from './affine.js';
export { invertAffine, multiplyAffines } from './affine.js';
export { encodeNifti1, encodeNifti1Header, LITTLE_ENDIAN_HOST, writeNifti, type NiftiToWrite, type NiftiWriteDatatype } from './write.js';
