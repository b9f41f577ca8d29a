/**
 * Texts of the Saliency screen: what each method answers (in Captum's terms, whose defaults the
 * core follows), its options, and how to read the faithfulness checks.
 */
import type { z } from 'zod';
import { METHOD_DEFAULTS, type computeRequest, type methodOptions } from '../../../src/api/index.js';

export type Method = z.output<typeof computeRequest>['method'];
export type MethodOptions = z.output<typeof methodOptions>;
export type OptionName = keyof MethodOptions;

const { tsrAlpha, ...optionDefaults } = METHOD_DEFAULTS;
/** The core's own defaults (through the contract), so the form starts where a request without options would. */
export const OPTION_DEFAULTS = optionDefaults satisfies Required<MethodOptions>;
export const TSR_ALPHA_DEFAULT = tsrAlpha;

export interface MethodHelp {
  label: string;
  /** What the map answers. */
  text: string;
  /** The options the method reads. */
  options: OptionName[];
}

export const METHODS: Record<Method, MethodHelp> = {
  grad: {
    label: 'Gradient (Saliency)',
    text: 'How much the class probability changes for a tiny change of each region at each step: |∂p/∂x|, Captum\'s Saliency. Fast; local and noisy, and blind to inputs the model saturates on.',
    options: [],
  },
  gradxinput: {
    label: 'Gradient × input',
    text: 'The gradient times the input (Captum\'s InputXGradient): a first-order estimate of each cell\'s contribution relative to a zero input. As fast as the gradient; large values need both a sensitive model and a large signal.',
    options: [],
  },
  ig: {
    label: 'Integrated gradients',
    text: 'Each cell\'s share of the change in probability between a baseline input and the sample, the gradients averaged along the straight path between them (Captum\'s IntegratedGradients). The shares sum to that change (completeness). Costs one gradient per step per sample.',
    options: ['baseline', 'steps', 'rule'],
  },
  smoothgrad: {
    label: 'SmoothGrad',
    text: 'The gradient averaged over noisy copies of the sample (Captum\'s NoiseTunnel with smoothgrad): less speckle than the plain gradient, the same question. Costs one gradient per noisy copy.',
    options: ['noiseSamples', 'sigma', 'seed'],
  },
  'occlusion-time': {
    label: 'Occlusion of time steps',
    text: 'How much the probability drops when one whole time step (every region) is replaced by the baseline (Captum\'s Occlusion with a window of one step): which moments the model needs. Needs no gradient; one forward pass per step.',
    options: ['baseline'],
  },
  'occlusion-feature': {
    label: 'Occlusion of regions',
    text: 'How much the probability drops when one region is replaced by the baseline over the whole window (Captum\'s FeatureAblation per region): which regions the model needs. One forward pass per region.',
    options: ['baseline'],
  },
};

export const OPTION_HELP: Record<OptionName, string> = {
  baseline: 'The reference input: zeros (the z-scored mean signal), or random values. IG integrates from it; occlusion fills with it.',
  steps: 'Integrated gradients: the number of points along the path (Captum: n_steps, default 50). More is more exact and slower.',
  rule: 'Integrated gradients: how the path integral is approximated (Captum: method, default gausslegendre).',
  noiseSamples: 'SmoothGrad: the noisy copies per sample (Captum: nt_samples; default 50).',
  sigma: 'SmoothGrad: the noise\'s standard deviation, as a fraction of each sample\'s range (max − min); 0.1–0.2 works well (Smilkov et al.).',
  seed: 'SmoothGrad: the noise\'s seed, so a result can be repeated.',
};

export const SALIENCY_HELP = {
  run: 'A finished training run: its model is explained on the samples of its dataset.',
  tsr: 'Temporal Saliency Rescaling (Ismail et al. 2020): first scores each step by how much the map changes when that step is masked, then keeps the regions only at the steps above the α quantile. Sharper in time; costs one extra pass per step.',
  alpha: 'TSR: the quantile of the step scores a step must exceed to be kept (default 0.55).',
  samples: 'Which samples to explain: the test split (unseen by the model), or every window of the dataset.',
  target: 'Which class each map explains: the sample\'s true class, or the class the model predicted (what it "saw").',
  randomisation: 'Sanity check (Adebayo et al. 2018, "Sanity Checks for Saliency Maps"): the same method is run again on copies of the model whose weights are re-initialised — from the head down, one more layer group per stage (cascading), or all at once (independent) — and each map is compared with the trained model\'s by rank correlation. Maps that barely change explain the input, not what the model learned. Costs one more set of maps per stage.',
  order: 'How the heatmap\'s rows are sorted: by the regions\' mean share of saliency, by name, or in the atlas\'s label order.',
  threshold: 'Regions whose |value| at this step is below the threshold are not painted.',
  formats: 'tsv/csv: the maps as tables; nifti: one volume per step painted by value; npy: the raw arrays; json: everything the view shows; html: a report to read and share; pdf: the same, printed.',
} as const;

const pct = (x: number) => `${Math.round(x * 100)} %`;
const acc = (x: number) => x.toFixed(2);

/** How to read one row of the masked-accuracy test. */
export function maskedAccuracySentence(p: number, baseline: number, salient: number, random: number): string {
  return `Removing the ${pct(p)} most salient cells changes accuracy from ${acc(baseline)} to ${acc(salient)}; as many random cells: to ${acc(random)}.`
    + (salient < random ? ' The map points at what the model uses.' : ' The map does no better than chance here.');
}

/** How to read one ON-share row. */
export function onShareSentence(q: number, share: number, chance: number): string {
  return `Of the ${pct(q)} most salient cells, ${pct(share)} fall in task-ON steps; by chance ${pct(chance)} would.`;
}

/** The randomisation check's modes as the form names them. */
export const RANDOMISATION_CHOICES = [
  { value: 'cascading', label: 'cascading (head down)' },
  { value: 'independent', label: 'independent (all at once)' },
  { value: 'off', label: 'off' },
] as const;

/** What the randomisation stage table's columns mean. */
export const RANDOMISATION_HELP = 'Per stage, Spearman ρ between |trained map| and |randomised map| of each sample: mean, sd and mean |ρ| over the samples with a ρ. The verdict reads mean |ρ| at the last stage (every layer randomised).';

export const GROUND_TRUTH_HELP = {
  wjac: 'Weighted Jaccard between the map and the planted boxes: 1 when they coincide, 0 when they do not overlap.',
  euc: 'Euclidean distance between the normalised map and the planted boxes: lower is closer.',
  auc: 'Area under the ROC curve of the map as a detector of planted cells: 0.5 is chance, 1 perfect.',
  aup: 'Area under the precision curve: how much of what the map ranks high is planted (higher is better).',
  aur: 'Area under the recall curve: how much of the planted cells the map finds early (higher is better).',
} as const;
