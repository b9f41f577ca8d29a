import type { Block } from './hrf.js';

/** Seed of the study `saliency-studio demo` generates by default. */
export const DEMO_SEED = 1;

export const DEMO_TR = 2;
/** 120 volumes × 2 s = 4 minutes per run. */
export const DEMO_VOLUMES = 120;
export const DEMO_SUBJECTS = ['01', '02', '03', '04', '05', '06', '07', '08'] as const;

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
 * Signal and noise, in scanner units (baseline 1000 = 100 %). A planted region's voxels gain
 * `signalPercent` × subject gain × the HRF regressor (plateau ≈ 1); every region carries its
 * own AR(1) noise shared by its voxels; every voxel adds white noise. SNR at the block
 * plateau: 2.5 for a region mean (25 / regionSd; voxel noise averages out over its 100–630
 * voxels), 1.1 for one voxel (25 / √(10² + 20²)). Over a run (seed 1), planted regions
 * correlate with their regressor at r = 0.79 on average (0.66 at least), other regions at
 * 0 ± 0.14 (0.44 at most). Calibrated with the CLI (LSTM, hidden 8–16,
 * windows of 8 volumes labelled by trial_type with a 5 s shift, split 2/1/1 subjects): about
 * 80 % test accuracy in 10–20 s of training, against 50 % at SNR 1.2; separable, not trivial.
 * With 8 subjects (split 5/2/1) the demo's models reach 80–87 % and recover ~3/4 of the
 * planted regions in their top k, against ~45 % with 4: more subjects help more than signal.
 * Labelled by task instead (windows holding ON and OFF), 4 subjects are too few: z-scored
 * per run, a planted region differs from noise only in its slow, smooth time course, and the
 * model memorises the two training subjects.
 */
export const DEMO_NOISE = {
  baseline: 1000,
  /** Per-voxel baseline spread (relative sd), drawn once per subject: anatomy-like texture. */
  baselineSd: 0.05,
  signalPercent: 2.5,
  /** Per-subject gain on the signal, uniform in this range. */
  subjectGain: [0.8, 1.2],
  /** AR(1) coefficient and stationary sd of each region's shared noise. */
  regionPhi: 0.5,
  regionSd: 10,
  /** Independent noise of each voxel at each volume. */
  voxelSd: 20,
} as const;

/**
 * Dataset settings the demo was calibrated with (see DEMO_NOISE): windows of 16 s labelled by
 * the events' trial_type, onsets shifted 5 s for the haemodynamic delay (the HRF peaks at 5 s).
 */
export const DEMO_DATASET_OPTIONS = { labelBy: 'trial_type', shiftSeconds: 5, window: 8, stride: 1 } as const;

/** Blocks last 20 s; rests between them 16–24 s (whole TRs); the first starts at 10–20 s. */
export const DEMO_BLOCKS = { onSeconds: 20, restSeconds: [16, 24] as const, firstOnset: [10, 20] as const, endRestSeconds: 10 };

/**
 * One run's ON blocks, drawn from `uniform`: onsets on whole TRs so every block covers whole
 * volumes, with at least `endRestSeconds` after the last one so its response is recorded.
 */
export function drawBlocks(uniform: () => number, volumes = DEMO_VOLUMES, tr = DEMO_TR): Block[] {
  const pick = ([lo, hi]: readonly [number, number]) => {
    const steps = Math.round((hi - lo) / tr);
    return lo + tr * Math.floor(uniform() * (steps + 1));
  };
  const { onSeconds, restSeconds, firstOnset, endRestSeconds } = DEMO_BLOCKS;
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
