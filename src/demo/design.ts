import type { Monitor } from '../jobs/early-stopping.js';
import type { Block } from './hrf.js';

/** Seed of the study `saliency-studio demo` generates by default. */
export const DEMO_SEED = 1;

/**
 * The 4 mm MNI grid (46×55×46, RAS) whose voxel centres fall on every fourth voxel of the
 * bundled 1 mm AAL image, so nearest-neighbour resampling never has a tie to break. It is the
 * grid of `shared/data/parcellation`, for which nibabel's region voxel counts are known.
 */
export const DEMO_GRID = {
  shape: [46, 55, 46] as const,
  affine: [[4, 0, 0, -90], [0, 4, 0, -125], [0, 0, 4, -71], [0, 0, 0, 1]],
};

/** A task and the AAL regions its blocks switch on (names as in `aal.nii.txt`). */
export interface DemoTask {
  name: string;
  /** What the subject does in an ON block (documentation only). */
  stimulus: string;
  regions: readonly string[];
}

/**
 * Three block-design tasks with disjoint, anatomically plausible region sets. The events'
 * trial_type is the task name, so labelling windows by task or by trial_type gives the same
 * classes.
 */
export const DEMO_TASKS: readonly DemoTask[] = [
  {
    name: 'motor',
    stimulus: 'right-hand finger tapping',
    regions: ['Precentral_L', 'Postcentral_L', 'Supp_Motor_Area_L', 'Supp_Motor_Area_R', 'Cerebelum_4_5_R'],
  },
  {
    name: 'visual',
    stimulus: 'flickering checkerboard',
    regions: ['Calcarine_L', 'Calcarine_R', 'Cuneus_L', 'Cuneus_R', 'Lingual_L', 'Lingual_R'],
  },
  {
    name: 'language',
    stimulus: 'reading sentences',
    regions: ['Frontal_Inf_Oper_L', 'Frontal_Inf_Tri_L', 'Temporal_Sup_L', 'Temporal_Mid_L', 'Temporal_Sup_R'],
  },
];

/**
 * Everything a demo study and its demo run are made from: the acquisition, the tasks, the
 * signal and noise, the block schedule, how windows are cut and the models trained. One
 * object so a calibration experiment (bench/demo) can vary it; the demo itself uses DEMO_DESIGN.
 */
export interface DemoDesign {
  tr: number;
  /** Volumes per run. */
  volumes: number;
  subjects: readonly string[];
  tasks: readonly DemoTask[];
  noise: DemoNoise;
  blocks: DemoBlocks;
  dataset: { labelBy: 'task' | 'trial_type'; shiftSeconds: number; window: number; stride: number };
  training: { hidden: number; inputDropout: number; epochs: number; patience: number; monitor: Monitor; batchSize: number; learningRate: number };
}

/** Signal and noise, in scanner units (baseline 1000 = 100 %); see DEMO_DESIGN for the SNR. */
export interface DemoNoise {
  baseline: number;
  /** Per-voxel baseline spread (relative sd), drawn once per subject: anatomy-like texture. */
  baselineSd: number;
  signalPercent: number;
  /** Per-subject gain on the signal, uniform in this range. */
  subjectGain: readonly [number, number];
  /** AR(1) coefficient and stationary sd of each region's shared noise. */
  regionPhi: number;
  regionSd: number;
  /** Independent noise of each voxel at each volume. */
  voxelSd: number;
}

/** Blocks last `onSeconds`; rests between them are drawn in `restSeconds` (whole TRs); the first starts in `firstOnset`. */
export interface DemoBlocks {
  onSeconds: number;
  restSeconds: readonly [number, number];
  firstOnset: readonly [number, number];
  /** At least this long after the last block, so its response is recorded. */
  endRestSeconds: number;
}

/**
 * The demo: the paper's fMRI question (Ismail et al. 2019, HCP: which task is the subject
 * doing?) on simulated data. Each run is one task; its windows are labelled by the run's task
 * and are 40 volumes (80 s) long, so each holds ON blocks and the rests between them, at
 * positions that vary from window to window (block onsets drawn per run, windows cut every 8
 * volumes): a faithful map must say *when* the task was on, not only where.
 *
 * Signal and noise: a planted region's voxels gain `signalPercent` × subject gain × the HRF
 * regressor (plateau ≈ 1); every region carries its own AR(1) noise shared by its voxels;
 * every voxel adds white noise. SNR at the block plateau: 5 for a region mean (50 / regionSd),
 * 2.2 for one voxel.
 *
 * Calibrated with bench/demo (every design tried and its scores: bench/README.md, "The demo"):
 * with 8 subjects both models memorise the training runs (test accuracy 30–40 %, chance 33 %);
 * 16 subjects and a 5 % signal make both learn the task (84–87 %); input dropout 0.5 then
 * keeps a model from leaning on one or two of a task's five redundant regions (input-cell
 * precision@k 43 % → 94 %); keeping the first best validation accuracy (the paper's rule)
 * rather than training on to the lowest validation loss halves the input-cell model's
 * training. Longer rests lower the chance level but also the input-cell model's ON-share
 * (57 % at chance 38 %), and a stronger signal (7.5–10 %) barely raises it (88 %), so the
 * blocks stay 20 s with 16–24 s rests (chance 49 %).
 */
export const DEMO_DESIGN: DemoDesign = {
  tr: 2,
  /** 120 volumes × 2 s = 4 minutes per run. */
  volumes: 120,
  subjects: Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')),
  tasks: DEMO_TASKS,
  noise: { baseline: 1000, baselineSd: 0.05, signalPercent: 5, subjectGain: [0.8, 1.2], regionPhi: 0.5, regionSd: 10, voxelSd: 20 },
  blocks: { onSeconds: 20, restSeconds: [16, 24], firstOnset: [10, 20], endRestSeconds: 10 },
  dataset: { labelBy: 'task', shiftSeconds: 0, window: 40, stride: 8 },
  training: { hidden: 16, inputDropout: 0.5, epochs: 60, patience: 10, monitor: 'val_accuracy', batchSize: 32, learningRate: 3e-3 },
};

export const DEMO_TR = DEMO_DESIGN.tr;
export const DEMO_VOLUMES = DEMO_DESIGN.volumes;
export const DEMO_SUBJECTS = DEMO_DESIGN.subjects;
export const DEMO_NOISE = DEMO_DESIGN.noise;
export const DEMO_BLOCKS = DEMO_DESIGN.blocks;
/** How the demo's dataset is cut from the study (the Design screen's settings for it). */
export const DEMO_DATASET_OPTIONS = DEMO_DESIGN.dataset;

/**
 * One run's ON blocks, drawn from `uniform`: onsets on whole TRs so every block covers whole
 * volumes, with at least `endRestSeconds` after the last one so its response is recorded.
 */
export function drawBlocks(uniform: () => number, volumes = DEMO_VOLUMES, tr = DEMO_TR, schedule: DemoBlocks = DEMO_BLOCKS): Block[] {
  const pick = ([lo, hi]: readonly [number, number]) => {
    const steps = Math.round((hi - lo) / tr);
    return lo + tr * Math.floor(uniform() * (steps + 1));
  };
  const { onSeconds, restSeconds, firstOnset, endRestSeconds } = schedule;
  const blocks: Block[] = [];
  for (let onset = pick(firstOnset); onset + onSeconds + endRestSeconds <= volumes * tr; onset += onSeconds + pick(restSeconds)) {
    blocks.push({ onset, duration: onSeconds });
  }
  return blocks;
}

/** Volumes acquired during a block (v·TR inside [onset, onset + duration)). */
export function onVolumes(blocks: readonly Block[], volumes = DEMO_VOLUMES, tr = DEMO_TR): number[] {
  const out: number[] = [];
  for (let v = 0; v < volumes; v++) {
    const t = v * tr;
    if (blocks.some((b) => t >= b.onset && t < b.onset + b.duration)) out.push(v);
  }
  return out;
}
