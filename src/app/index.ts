/**
 * The operations layer: one module per user step (open and inspect data, build a dataset,
 * train, explain, export a report, the backend report), the workspace and the one place
 * that names folders. A UI, the CLI and the job worker call these and nothing below them.
 */
export * from './aggregate.js';
export * from './atlas-info.js';
export * from './atlas.js';
export * from './backend-report.js';
export * from './brain-volumes.js';
export * from './build-dataset.js';
export * from './context.js';
export * from './demo-study.js';
export * from './demo.js';
export * from './errors.js';
export * from './explain.js';
export * from './export-report.js';
export * from './inspect.js';
export * from './layout.js';
export * from './open-study.js';
export * from './parcellate-study.js';
export * from './parcellate.js';
export * from './preview-dataset.js';
export * from './reproduce-paper.js';
export * from './run-details.js';
export * from './saliency-defaults.js';
export * from './saliency-view.js';
export * from './study-qc.js';
export * from './synth.js';
export * from './train.js';
export * from './worker-operation.js';
export * from './workspace-list.js';
export * from './workspace.js';
