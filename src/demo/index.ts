/**
 * The embedded demo study: simulated block-design fMRI on the AAL atlas (16 subjects × 3
 * tasks, 4 mm MNI grid, TR 2 s, 120 volumes), written as a BIDS folder with a
 * `ground_truth.json` of the planted regions and ON blocks. Deterministic from a seed; see
 * design.ts for every parameter and the SNR.
 */
export { blockRegressor, canonicalHrf, doubleGamma, MICROTIME_STEPS, SPM_HRF, type Block } from './hrf.js';
export {
  DEMO_BLOCKS, DEMO_DATASET_OPTIONS, DEMO_DESIGN, DEMO_GRID, DEMO_NOISE, DEMO_SEED, DEMO_SUBJECTS, DEMO_TASKS, DEMO_TR, DEMO_VOLUMES, drawBlocks, onVolumes,
  type DemoBlocks, type DemoDesign, type DemoNoise, type DemoTask,
} from './design.js';
export { demoFiles, type DemoFile, type DemoOptions } from './generate.js';
export {
  DEMO_FORMAT, DEMO_GROUND_TRUTH, readDemoGroundTruth, type DemoGroundTruth, type GroundTruthBlock, type GroundTruthRun, type PlantedRegion,
} from './ground-truth.js';
export { writeDemoStudy } from './write.js';
