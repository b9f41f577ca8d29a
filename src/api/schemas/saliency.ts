import { z } from 'zod';
import { DEFAULTS } from '../../saliency/methods/defaults.js';
import { RANDOMISATION_MODES } from '../../saliency/randomisation-modes.js';
import { SALIENCY_METHODS, type SaliencyMethod } from '../../saliency/types.js';
import { count, entryName, handle } from './common.js';

export const saliencyMethod = z.enum(SALIENCY_METHODS as [SaliencyMethod, ...SaliencyMethod[]]);

const fraction = z.number().gt(0).lt(1);

/** What the core applies to a method option left out (a baseline left out is zeros). */
export const METHOD_DEFAULTS = { baseline: 'zeros', steps: DEFAULTS.steps, rule: DEFAULTS.rule, noiseSamples: DEFAULTS.noiseSamples, sigma: DEFAULTS.sigma, seed: DEFAULTS.seed, tsrAlpha: DEFAULTS.alpha } as const;

/** The method's own options (src/saliency/methods/options.ts SaliencyOptions); ranges are checked again by the core. */
export const methodOptions = z.strictObject({
  /** IG's reference input and occlusion's fill value. */
  baseline: z.enum(['zeros', 'random']).optional(),
  /** IG: quadrature points. */
  steps: z.number().int().min(1).max(10_000).optional(),
  rule: z.enum(['gausslegendre', 'riemann_trapezoid', 'riemann_left', 'riemann_right', 'riemann_middle']).optional(),
  /** SmoothGrad: noisy copies per sample, and the noise's sd relative to each sample's range. */
  noiseSamples: z.number().int().min(1).max(10_000).optional(),
  sigma: z.number().gt(0).max(10).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
});

/** Temporal Saliency Rescaling on top of the method: off, or on with its settings. */
export const tsrSpec = z.strictObject({ alpha: fraction.optional(), featurePass: z.boolean().optional() });

/** The model-parameter randomisation check's choices: a mode, or `off` (not run). */
export const randomisationChoice = z.enum([...RANDOMISATION_MODES, 'off']);

/**
 * What the app's compute applies to a field left out, in one place for the form and the
 * handler. The randomisation check is on in the app (issue 14: on by default wherever maps
 * are shown), though the CLI's explain leaves it off (EXPLAIN_DEFAULTS).
 */
export const COMPUTE_DEFAULTS = { randomisation: 'cascading' } as const satisfies { randomisation: z.output<typeof randomisationChoice> };

export const computeRequest = z.strictObject({
  run: entryName,
  method: saliencyMethod,
  options: methodOptions.optional(),
  /** Absent or false: off. */
  tsr: z.union([z.boolean(), tsrSpec]).optional(),
  samples: z.enum(['test', 'all']).optional(),
  target: z.enum(['true', 'predicted']).optional(),
  /** Fractions of cells for the masked-accuracy drop; default the app's (SALIENCY_UI_DEFAULTS). */
  maskedAccuracy: z.array(fraction).max(20).optional(),
  /** The model-parameter randomisation check (Adebayo et al. 2018); default COMPUTE_DEFAULTS.randomisation. */
  randomisation: randomisationChoice.optional(),
});

/** A stored result: the run, and the result's folder name under `runs/<run>/saliency/` (`grad`, `ig-tsr`). */
export const resultRef = z.strictObject({ run: entryName, result: entryName });

/**
 * A matrix as little-endian float32 bytes in base64, row-major [rows × cols]: a 400 × 1,200
 * map is 2.5 MB this way against ~10 MB of JSON numbers, and decodes without parsing.
 */
export const f32Matrix = z.strictObject({
  rows: count,
  cols: count,
  data: z.string(),
}).check((ctx) => {
  const bytes = ctx.value.rows * ctx.value.cols * 4;
  const expected = 4 * Math.ceil(bytes / 3);
  if (ctx.value.data.length !== expected) {
    ctx.issues.push({ code: 'custom', input: ctx.value.data.length, path: ['data'], message: `base64 of ${ctx.value.rows} × ${ctx.value.cols} float32 values (${expected} characters)` });
  }
});

/** Mean and sample sd per item (NaN sd, sent as null, with one sample). */
export const meanSd = z.strictObject({ mean: z.array(z.number()), sd: z.array(z.number().nullable()) });

/** What one group of samples (all, or one class) looks like: `meanAbs` is [time × regions]. */
export const groupView = z.strictObject({
  samples: z.array(count),
  meanAbs: f32Matrix,
  /** Per step, mean |map| over regions: mean and sd across the group's samples. */
  temporal: meanSd,
  /** Per region, its share of each sample's saliency: mean and sd across samples; null when every map is zero. */
  importance: meanSd.nullable(),
});

export const explainedSample = z.strictObject({
  /** Position in the result's sample order (what `saliency.sample` takes). */
  position: count,
  /** Index of the sample in the dataset. */
  index: count,
  label: count,
  target: count,
  predicted: count,
  /** Softmax probability of `target`. */
  probability: z.number(),
  /** Where the window comes from, when the dataset records it. */
  subject: z.string().nullable(),
  run: z.string().nullable(),
  onsetSeconds: z.number().nullable(),
});

/** The share of the top-q salient cells that fall in task-ON steps, against its chance level. */
export const onShare = z.strictObject({ q: fraction, share: z.number(), chance: z.number(), samples: count });

const correlation = z.number().min(-1).max(1);

/** One stage of the randomisation check, summarised: the per-sample ρ stay in saliency.json. */
export const randomisationStage = z.strictObject({
  /** Layer groups re-initialised at this stage, head first. */
  layers: z.array(z.string()),
  /** Mean and sd of Spearman ρ, and mean |ρ|, over the samples with a ρ; null where none has one. */
  mean: correlation.nullable(),
  sd: z.number().min(0).max(1).nullable(),
  meanAbs: z.number().min(0).max(1).nullable(),
  /** How many samples have a ρ (a constant map has none), of the result's samples. */
  samples: count,
});

/** The stored randomisation check of a result, and its verdict in the report's words. */
export const randomisationView = z.strictObject({
  mode: z.enum(RANDOMISATION_MODES),
  seed: count,
  /** Mean |ρ| at full randomisation from which the maps fail. */
  threshold: z.number().min(0).max(1),
  verdict: z.enum(['passes', 'fails', 'undetermined']),
  /** The report's verdict line (randomisationVerdict), so the screen and the report say the same. */
  sentence: z.string(),
  /** In order of randomisation; the last is the fully randomised model. */
  stages: z.array(randomisationStage).min(1),
});

export const faithfulness = z.strictObject({
  /** Accuracy after replacing the top-p salient cells, against as many random cells (the paper's fMRI test). */
  maskedAccuracy: z.strictObject({
    ps: z.array(z.number()), baseline: z.number(), salient: z.array(z.number()), random: z.array(z.number()),
  }).nullable(),
  /** Where the dataset knows each window's task-ON steps (events, or planted boxes); null otherwise. */
  onShare: z.array(onShare).nullable(),
  /** Against the planted boxes of a synthetic dataset; null for data without a known answer. */
  groundTruth: z.strictObject({ wjac: z.number(), euc: z.number(), auc: z.number(), aup: z.number(), aur: z.number(), samples: count }).nullable(),
  /** The model-parameter randomisation check as stored with the maps; null when it was not run. */
  randomisation: randomisationView.nullable(),
});

/** A region as the views name it: its position in the maps, its atlas label (null for imported tables) and name. */
export const regionInfo = z.strictObject({ label: z.number().int().nullable(), name: z.string() });

/** Everything the saliency screen shows of one stored result, read without recomputing. */
export const saliencyView = z.strictObject({
  run: z.string(),
  result: z.string(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  samplesFrom: z.enum(['test', 'all']),
  regions: z.array(regionInfo),
  classes: z.array(z.string()),
  window: count,
  /** Seconds per volume; null when the dataset can no longer be read. */
  tr: z.number().nullable(),
  /** Per sample and step, 1 where the task is ON; null when unknown. Row-major [samples × window] as a 0/1 string per sample. */
  onSteps: z.array(z.string()).nullable(),
  createdAt: z.string(),
  seconds: z.number(),
  backend: z.string(),
  samples: z.array(explainedSample),
  overall: groupView,
  /** One per class, by true label; null for a class with no sample. */
  perClass: z.array(groupView.nullable()),
  faithfulness,
});

export const sampleRequest = resultRef.extend({ position: count });

/** One explained sample's |map| ([time × regions]), and its signed map for diverging views. */
export const sampleMap = z.strictObject({ position: count, abs: f32Matrix, signed: f32Matrix });

/** Background images the brain view can paint onto. */
export const templateChoice = z.union([
  z.strictObject({ kind: z.literal('ch2bet') }),
  /** The temporal mean of the first functional run the run's dataset was built from. */
  z.strictObject({ kind: z.literal('functional') }),
  z.strictObject({ kind: z.literal('file'), file: handle }),
]);

export const brainRequest = z.strictObject({ run: entryName, template: templateChoice.optional() });

/** A NIfTI file's bytes (.nii or .nii.gz) in base64, for NiiVue to load from memory. */
export const niftiBytes = z.strictObject({ name: z.string(), base64: z.string() });

/** What the brain view loads: the background, the atlas as a label image, and which label each map column is. */
export const brainVolumes = z.strictObject({
  template: niftiBytes,
  atlas: niftiBytes,
  /** Per map column (region), its label value in the atlas image. */
  labels: z.array(z.number().int()),
  /** Where the template and the atlas came from, for the view's caption. */
  templateName: z.string(),
  atlasName: z.string(),
});

/** The report formats of src/report (PDF needs a Chromium, or the desktop app's printer). */
export const reportFormat = z.enum(['tsv', 'csv', 'nifti', 'npy', 'json', 'html', 'pdf']);

export const exportRequest = resultRef.extend({
  formats: z.array(reportFormat).min(1).optional(),
  /** The report's folder name; created inside `folder`, or under the workspace's reports/ when no folder is given. */
  name: entryName,
  /** A folder the user picked (files.pick / files.browse). */
  folder: handle.optional(),
});

export const exportedReport = z.strictObject({
  /** Absolute, to show. */
  out: z.string(),
  files: z.array(z.string()),
  /** The report folder, for files.open. */
  handle,
});

export const openRequest = z.strictObject({ folder: handle, file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a file name inside the folder').optional() });

/** Desktop: opened with the system's app (`opened`). Browser mode: a URL of this server the page opens itself. */
export const opened = z.strictObject({ opened: z.boolean(), url: z.string().nullable() });
