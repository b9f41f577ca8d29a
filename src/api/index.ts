/**
 * The typed API between a renderer and the app (Electron main or the browser-mode server).
 * Browser-safe: zod only, no Node, DOM or Electron.
 */
export * from './channels.js';
export * from './bridge.js';
export * from './client.js';
export * from './csp.js';
export * from './errors.js';
export * from './validate.js';
export * from './schemas/common.js';
export * from './schemas/dataset.js';
export * from './schemas/files.js';
export * from './schemas/jobs.js';
export * from './schemas/saliency.js';
export * from './schemas/study.js';
export * from './schemas/train.js';
export * from './schemas/workspace.js';
