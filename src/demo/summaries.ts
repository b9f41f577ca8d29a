import { DEMO_DESIGN, type DemoDesign } from './design.js';
import { canonicalHrf, doubleGamma, MICROTIME_STEPS, SPM_HRF } from './hrf.js';

/** The HRF as ground_truth.json records it, with its samples at the TR for plotting. */
export function hrfSummary(tr = DEMO_DESIGN.tr): Record<string, unknown> {
  return {
    model: 'SPM canonical double gamma: gamma(t; 6, 1) - gamma(t; 16, 1) / 6, normalised to sum 1',
    ...SPM_HRF,
    microtimeSteps: MICROTIME_STEPS,
    peakSeconds: peakSeconds(),
    sampledAtTr: Array.from(canonicalHrf(tr), (x) => Math.round(x * 1e6) / 1e6),
    volumeTiming: 'volume v is acquired at v * TR seconds',
  };
}

/** The noise model and its signal-to-noise ratio, as ground_truth.json records them. */
export function noiseSummary(design: Pick<DemoDesign, 'noise' | 'blocks'> = DEMO_DESIGN): Record<string, unknown> {
  const { baseline, signalPercent, regionSd, voxelSd } = design.noise;
  return {
    ...design.noise,
    blocks: design.blocks,
    model: 'voxel = baseline * (1 + signalPercent/100 * gain * regressor [planted regions]) + AR(1) region noise + white voxel noise; rounded to int16; 0 outside the atlas',
    regionSnr: (signalPercent / 100) * baseline / regionSd,
    voxelSnr: Math.round(((signalPercent / 100) * baseline / Math.hypot(regionSd, voxelSd)) * 1000) / 1000,
    snrDefinition: 'planted signal at the block plateau (regressor 1, gain 1) divided by the noise sd, for a region mean (region noise only) and for one voxel',
  };
}

/** Time of the HRF's maximum, to 0.01 s. */
function peakSeconds(): number {
  let best = 0;
  for (let k = 1; k <= SPM_HRF.lengthSeconds * 100; k++) if (doubleGamma(k / 100) > doubleGamma(best / 100)) best = k;
  return best / 100;
}
