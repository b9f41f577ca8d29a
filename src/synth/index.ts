/**
 * The synthetic datasets of Ismail et al. (NeurIPS 2019): 100 time steps × 100 features of
 * N(0, 1) noise, labels ±1 with equal probability, and the label added to the cells of one or
 * more boxes whose position depends on the dataset. Each sample's box is its ground truth for
 * saliency, kept as a mask beside the dataset cache.
 */
export { insideBoxes, synthSpec, SYNTH_FEATURES, SYNTH_KINDS, SYNTH_STEPS, type Box, type SynthKind, type SynthSpec } from './boxes.js';
export { readSynth, readSynthSettings, writeSynth, SYNTH_JSON, SYNTH_MASK } from './files.js';
export { generateSynth, SYNTH_CLASSES, SYNTH_LABEL_VALUES, type SynthDataset, type SynthInfo } from './generate.js';
export { formatBox, formatSynthSummary } from './summary.js';
export { groundTruthMasks } from './masks.js';
