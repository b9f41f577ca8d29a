import { DEMO_NOISE, type DemoNoise } from './design.js';

/** The brain voxels of the grid and the region each belongs to. */
export interface BrainMask {
  /** Grid voxels in total (x fastest). */
  voxels: number;
  /** Linear index of each labelled voxel, ascending. */
  index: Int32Array;
  /** Region (0 … regions−1, in label order) of each labelled voxel. */
  region: Int32Array;
  /** Atlas label of each region. */
  labels: number[];
}

/** The labelled voxels of `labelsOnGrid`, grouped by label in ascending label order. */
export function brainMask(labelsOnGrid: Int32Array): BrainMask {
  const labels = [...new Set(labelsOnGrid)].filter((l) => l > 0).sort((a, b) => a - b);
  const regionOf = new Map(labels.map((l, r) => [l, r]));
  const index: number[] = [];
  const region: number[] = [];
  labelsOnGrid.forEach((l, i) => {
    if (l > 0) {
      index.push(i);
      region.push(regionOf.get(l)!);
    }
  });
  return { voxels: labelsOnGrid.length, index: Int32Array.from(index), region: Int32Array.from(region), labels };
}

/** Draws a subject's per-voxel baseline: 1000 × (1 + 5 % noise), fixed across that subject's runs. */
export function drawBaseline(mask: BrainMask, normal: () => number, noise: DemoNoise = DEMO_NOISE): Float64Array {
  const { baseline, baselineSd } = noise;
  return Float64Array.from(mask.index, () => baseline * (1 + baselineSd * normal()));
}

/** AR(1) series with coefficient `phi`, started in its stationary distribution (sd `sd`). */
export function ar1(volumes: number, phi: number, sd: number, normal: () => number): Float64Array {
  const out = new Float64Array(volumes);
  const innovation = sd * Math.sqrt(1 - phi * phi);
  out[0] = sd * normal();
  for (let t = 1; t < volumes; t++) out[t] = phi * out[t - 1] + innovation * normal();
  return out;
}

export interface RunSignal {
  mask: BrainMask;
  baseline: Float64Array;
  /** Regions (indices into mask.labels) the run's task switches on. */
  planted: ReadonlySet<number>;
  /** HRF-convolved block train, one value per volume. */
  regressor: Float64Array;
  /** Multiplies the planted signal (subject gain). */
  gain: number;
  /** Default DEMO_NOISE. */
  noise?: DemoNoise;
}

/**
 * Writes one run's 4-D image into `out` (x fastest, then time; length voxels × volumes),
 * rounded to int16: inside the atlas, baseline × (1 + signal% × gain × regressor on planted
 * regions) + the region's AR(1) noise + voxel noise. Voxels outside the atlas are not
 * touched, so a zeroed buffer can be reused run after run. Random draws: every region's AR(1)
 * series in label order, then voxel noise volume by volume, so a seed fixes the image.
 */
export function simulateRun(run: RunSignal, normal: () => number, out: Int16Array): void {
  const { mask, baseline, planted, regressor, gain } = run;
  const { regionPhi, regionSd, voxelSd, signalPercent } = run.noise ?? DEMO_NOISE;
  const volumes = regressor.length;
  const regionNoise = mask.labels.map(() => ar1(volumes, regionPhi, regionSd, normal));
  const { index, region } = mask;
  // Per volume, each region's relative lift and additive noise, so the voxel loop only gathers.
  const lift = new Float64Array(mask.labels.length);
  const add = new Float64Array(mask.labels.length);
  for (let t = 0; t < volumes; t++) {
    for (let r = 0; r < lift.length; r++) {
      lift[r] = 1 + (planted.has(r) ? (signalPercent / 100) * gain * regressor[t] : 0);
      add[r] = regionNoise[r][t];
    }
    const offset = t * mask.voxels;
    for (let k = 0; k < index.length; k++) {
      const r = region[k];
      out[offset + index[k]] = Math.round(baseline[k] * lift[r] + add[r] + voxelSd * normal());
    }
  }
}
