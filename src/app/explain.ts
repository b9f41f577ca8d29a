import path from 'node:path';
import { explainAndStore } from '../jobs/operations/explain.js';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import type { ExplainRequest } from '../saliency/explain-run.js';
import type { StoredMaskedAccuracy } from '../saliency/faithfulness.js';
import { scoreAgainstMasks, type GroundTruthScores } from '../saliency/ground-truth.js';
import type { SaliencyOptions, TsrSpec } from '../saliency/methods/index.js';
import type { RandomisationMode } from '../saliency/randomisation-modes.js';
import type { StoredRandomisation } from '../saliency/randomisation.js';
import type { SaliencyIndex, StoredSaliency } from '../saliency/store.js';
import type { SaliencyMethod } from '../saliency/types.js';
import { groundTruthMasks } from '../synth/masks.js';
import { phaseReporter, type OperationContext } from './context.js';
import { saliencyResultDir } from './layout.js';

/** What to explain: a finished run folder, and how (every other field has a default in EXPLAIN_DEFAULTS). */
export interface ExplainOptions {
  run: string;
  method?: SaliencyMethod;
  /** The method's own options (IG steps and rule, SmoothGrad noise, baselines, seed); TSR is `tsr`. */
  methodOptions?: Omit<SaliencyOptions, 'tsr'>;
  /** Temporal saliency rescaling on top of the method: false (off), true (its defaults) or its settings. */
  tsr?: boolean | TsrSpec;
  samples?: 'test' | 'all';
  /** Explain the true class (the paper's choice) or the predicted one. */
  target?: 'true' | 'predicted';
  /** Model inputs per internal pass: memory only, never results; lowered where that many would not fit. */
  batchSize?: number;
  /** Fractions of cells (0 < p < 1) for the masked-accuracy drop; empty: not measured. */
  maskedAccuracy?: readonly number[];
  /**
   * The model-parameter randomisation check (saliency/randomisation.ts): the same method on
   * copies of the model re-initialised from the head down (`cascading`) or all at once
   * (`independent`); `off`: not run.
   */
  randomisation?: RandomisationMode | 'off';
  /** A backend to select, or the report of one the caller already selected (and trained on). */
  backend?: BackendChoice | BackendReport;
  /** The folder written; default `<run>/saliency/<method>[-tsr]` (layout.ts). */
  out?: string;
  /** Explain only the first this many of the chosen samples; default all. */
  firstSamples?: number;
}

/** The one place the explain step's defaults live: the paper's gradient of the true class on the test split. */
export const EXPLAIN_DEFAULTS = {
  method: 'grad',
  methodOptions: {},
  tsr: false,
  samples: 'test',
  target: 'true',
  batchSize: 64,
  maskedAccuracy: [],
  // Off here: it costs one more set of maps per stage. The demo and the report turn it on.
  randomisation: 'off',
  backend: 'auto',
} as const satisfies Required<Omit<ExplainOptions, 'run' | 'out' | 'firstSamples'>>;

/** Context of `explain`: the usual signal and progress, and the backend once chosen (before any map). */
export interface ExplainContext extends OperationContext {
  onBackend?: (report: BackendReport) => void;
}

/** What `explain` computed and stored. */
export interface ExplainResult {
  /** The folder written, absolute. */
  out: string;
  index: SaliencyIndex;
  maps: StoredSaliency['maps'];
  /** Scores against the planted boxes of a synthetic dataset; null for data without a known answer. */
  groundTruth: GroundTruthScores | null;
  maskedAccuracy: StoredMaskedAccuracy | null;
  /** The randomisation check of the maps; null when it was not run. */
  randomisation: StoredRandomisation | null;
  backend: BackendReport;
}

/**
 * Saliency of a finished run's best model: selects the backend (or takes the one given),
 * computes the maps, stores them in `out`, and scores them against the dataset's ground truth
 * where it has one. Cancelled through `ctx.signal`, it throws Cancelled and writes nothing.
 * Progress is reported as phase `saliency`.
 */
export async function explain(options: ExplainOptions, ctx: ExplainContext = {}): Promise<ExplainResult> {
  const o = { ...EXPLAIN_DEFAULTS, ...options };
  const tsr = o.tsr !== false;
  const out = o.out ?? saliencyResultDir(o.run, o.method, tsr);
  const request: ExplainRequest = {
    runDir: o.run, method: o.method, samples: o.samples, target: o.target,
    options: { ...o.methodOptions, tsr: o.tsr },
    ...(o.maskedAccuracy.length > 0 ? { maskedAccuracy: o.maskedAccuracy } : {}),
    ...(o.randomisation !== 'off' ? { randomisation: o.randomisation } : {}),
  };
  const progress = phaseReporter(ctx, 'saliency');
  const { result, report } = await explainAndStore(
    { request, batchSize: o.batchSize, backend: o.backend, out, ...(o.firstSamples === undefined ? {} : { firstSamples: o.firstSamples }) },
    { signal: ctx.signal, onProgress: progress, onBackend: ctx.onBackend },
  );
  const masks = await groundTruthMasks(result.index.dataset, result.index.samples.map((s) => s.index));
  return {
    out: path.resolve(out),
    index: result.index,
    maps: result.maps,
    groundTruth: masks ? scoreAgainstMasks(result.maps, masks) : null,
    maskedAccuracy: result.index.maskedAccuracy ?? null,
    randomisation: result.index.randomisation ?? null,
    backend: report,
  };
}
