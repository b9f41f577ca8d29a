export { BackendError } from './errors.js';
export { registerGradients } from './gradients.js';
export { importPackage } from './loader.js';
export { BACKEND_PACKAGES, formatBackendReport, selectBackend } from './select.js';
export * from './types.js';
