export * from './types.js';
export { ModelError } from './errors.js';
export { checkModelConfig, checkModelSpec, MODEL_LIMITS, validateModelConfig } from './config.js';
export { createClassifier, classifierWeightSpecs, type Classifier } from './classifier.js';
export { registerGradients } from './backend/gradients.js';
export { runRecurrence, setRecurrenceImplementation, getRecurrenceImplementation, type RecurrenceImplementation } from './recurrence.js';
export { inputCellAttention, attentionScores, type AttentionParams } from './attention.js';
export { CELLS, type CellDefinition, type CellParams } from './cells/index.js';
export { matMul, stopGradient } from './matmul.js';
