import type { ProbabilityFn, RunControl, SaliencyMaps, SaliencyMethod, SampleBlock } from '../types.js';
import { rowsPerPass } from './memory.js';
import { bindMethod, bindTsr, type JsonValue, type SaliencyOptions } from './options.js';
import { resolveTargets, type TargetSpec } from './targets.js';
import { temporalSaliencyRescaling } from './tsr.js';
import { checkControl, checkSamples } from './validate.js';
import { quietWork, trackedWork } from './work.js';

export type { BaselineSpec } from './baselines.js';
export { SaliencyError } from './errors.js';
export { LIMITS } from './limits.js';
export { defaultPassBytes, formatBytes, gradientRowBytes, type RowModel } from './memory.js';
export { DEFAULTS, type JsonValue, type SaliencyOptions, type TsrSpec } from './options.js';
export { INTEGRATION_RULES, gaussLegendre, quadrature, type IntegrationRule } from './quadrature.js';
export type { TargetSpec } from './targets.js';

export interface SaliencyResult {
  maps: SaliencyMaps;
  /** The class each map explains (the labels, or the predictions). */
  targets: Int32Array;
  /** IG without TSR: Σ attributions − (p_c(x) − p_c(baseline)) per sample. */
  delta?: Float32Array;
  /** Every parameter that shaped the maps, for provenance. */
  params: Record<string, JsonValue>;
}

/**
 * One saliency map [time, features] per sample of `samples`, explaining the probability of
 * the target class. Signed for gradxinput, IG and occlusion (Captum's convention), absolute
 * for grad and SmoothGrad (Ismail et al.), in [0, 1] with TSR. Work runs `control.batchSize`
 * model rows (or, under TSR, base maps) at a time, fewer where that many would not fit
 * `control.passBytes` (rowsPerPass; `params.batchSize` records the number used); progress
 * counts them; `control.signal` is checked between batches, and aborting it ends in Cancelled. Bad options
 * are SaliencyErrors.
 */
export async function computeSaliency(
  method: SaliencyMethod,
  model: ProbabilityFn,
  samples: SampleBlock,
  targets: TargetSpec,
  options: SaliencyOptions,
  requested: RunControl,
): Promise<SaliencyResult> {
  checkControl(requested);
  checkSamples(samples);
  const { time, features } = samples;
  const control: RunControl = { ...requested, batchSize: rowsPerPass(requested, time, features) };
  const { base, params } = bindMethod(method, options, samples);
  const tsr = options.tsr ? bindTsr(options.tsr, samples) : undefined;
  const resolved = await resolveTargets(model, samples, targets, quietWork(control));
  const provenance = { ...params, target: targets.kind, batchSize: control.batchSize, tsr: tsr?.params ?? false };
  if (tsr) {
    const data = await temporalSaliencyRescaling(base, model, samples, resolved, tsr.options, control);
    return { maps: { ...samples, data }, targets: resolved, params: provenance };
  }
  const keys = Int32Array.from({ length: samples.samples }, (_, s) => s);
  const work = trackedWork(control, base.rowCount(samples.samples, time, features));
  const { maps, delta } = await base.run({ model, block: samples, targets: resolved, keys, work });
  return { maps: { ...samples, data: maps }, targets: resolved, ...(delta ? { delta } : {}), params: provenance };
}
