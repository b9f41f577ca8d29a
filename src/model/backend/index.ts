export { BackendError } from './errors.js';
export { registerGradients } from './gradients.js';
export { importPackage } from './loader.js';
export { BACKEND_PACKAGES, formatBackendReport, selectBackend } from './select.js';
export * from './types.js';
export { DAWN_PACKAGE, describeAdapter, noGpuDeviceReason, probeWebGpuAdapter, softwareAdapterName, type AdapterProbe, type AdapterSummary } from './webgpu.js';
export { canReadSync } from './sync-read.js';
