import { explain } from '../../app/explain.js';
import { BACKEND_CHOICES, formatBackendReport } from '../../model/backend/index.js';
import { defaultPassBytes, formatBytes, INTEGRATION_RULES, LIMITS } from '../../saliency/methods/index.js';
import { RANDOMISATION_FAIL_THRESHOLD, randomisationVerdict, type StoredRandomisation } from '../../saliency/randomisation.js';
import { SALIENCY_METHODS } from '../../saliency/types.js';
import { isCancelled } from '../../util/cancel.js';
import { formatSaliencySummary } from '../format/saliency.js';
import { cancelOnInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { createProgress, type Progress as ProgressBar } from '../progress.js';
import { MAX_BATCH, parseSaliencyArgs } from './saliency-options.js';

export const saliencyHelp = `Usage: saliency-studio saliency --run <run-dir> [options]

Saliency maps (time × regions) of a trained run's best model for its test samples, stored as
saliency.f32 (float32, samples × time × regions) and saliency.json (axes, samples, method and
every parameter). On a synthetic dataset the maps are also scored against the planted boxes.

Options:
  --method M        ${SALIENCY_METHODS.join(' | ')} (default grad: |∂p_c/∂x|, as the paper)
  --tsr             temporal saliency rescaling (Ismail et al. 2020) on top of the method
  --tsr-alpha A     TSR's quantile threshold of time scores, in (0, 1) (default 0.55; with --tsr)
  --tsr-fast        TSR without the per-feature pass (T instead of T + k·N maps per sample; with --tsr)
  --samples S       test | all (default test: the run's held-out test split)
  --target T        true | predicted: the class explained (default true, as the paper)
  --baseline B      zeros | mean | random: IG's reference and occlusion's fill (default zeros;
                    mean is the mean of the run's training samples)
  --steps N         IG: quadrature points, 1–${LIMITS.steps} (default 50)
  --rule R          IG: ${INTEGRATION_RULES.join(' | ')} (default gausslegendre)
  --noise-samples N SmoothGrad: noisy copies per sample, 1–${LIMITS.noiseSamples} (default 50)
  --sigma X         SmoothGrad: noise sd as a share of each sample's range, in (0, ${LIMITS.sigma}] (default 0.15)
  --seed N          seed of SmoothGrad noise and random baselines, 0–${LIMITS.seed} (default 0)
  --batch N         model inputs per internal pass, 1–${MAX_BATCH}: memory only, never results (default
                    64; fewer where that many would need more than a quarter of memory or 1 GiB)
  --backend B       ${BACKEND_CHOICES.join(' | ')} (default auto)
  --out <dir>       where to write (default <run-dir>/saliency/<method>[-tsr])
  --masked-accuracy P,P,…
                    also measure faithfulness (Ismail et al. 2020): accuracy after each sample's top
                    P % salient cells are replaced by N(0, 1) noise, against replacing as many
                    random cells; percentages strictly between 0 and 100, e.g. 10,20,30 (default:
                    not measured; noise seeded by --seed). Stored in saliency.json, shown by report
  --randomisation R cascading | independent | off: the sanity check of Adebayo et al. (2018):
                    the same maps on copies of the model re-initialised from the head down, one
                    layer more per stage (cascading), or all layers at once (independent), and
                    the Spearman correlation with the trained maps; maps still ≥ ${RANDOMISATION_FAIL_THRESHOLD} correlated
                    when no trained weight is left fail it (default off: one more set of maps
                    per stage; weights seeded by --seed). Stored in saliency.json, shown by report
  --json            print saliency.json's summary as JSON
An option of another method than --method's is ignored, with a warning. Write a value that
starts with "-" joined to its option: --sigma=-1.
`;

/** The randomisation check per stage, then its verdict. */
function randomisationLines(r: StoredRandomisation): string[] {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  return [
    `\nRandomisation check (${r.mode}, Spearman ρ of |map| trained vs randomised, seed ${r.seed}):`,
    ...r.stages.map((s) => `  ${s.layers.join(' + ').padEnd(28)}  mean ρ ${f(s.mean)} ± ${f(s.sd)}, mean |ρ| ${f(s.meanAbs)}`),
    randomisationVerdict(r),
  ];
}

/** Parses the arguments, runs the explain operation with a progress bar and Ctrl-C, and prints its summary. */
export async function saliencyCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseSaliencyArgs(argv);
  if (args.help) {
    io.out(saliencyHelp);
    return 0;
  }
  const { request, batchSize, out } = args;
  const { tsr, ...methodOptions } = request.options;
  for (const line of args.warnings) io.err.write(`warning: ${line}\n`);
  let progress: ProgressBar | undefined;
  const { signal, stop } = cancelOnInterrupt(io.err, 'stopping after the current batch');
  let result;
  try {
    result = await explain(
      { run: request.runDir, method: request.method, methodOptions, tsr, samples: request.samples, target: request.target, maskedAccuracy: request.maskedAccuracy ?? [],
        randomisation: request.randomisation ?? 'off', batchSize, backend: args.backend, out },
      {
        signal,
        // The backend is printed before the bar starts, as it is chosen before any map.
        onBackend: (report) => {
          io.err.write(`${formatBackendReport(report)}\n`);
          progress = createProgress(`saliency (${request.method}${tsr ? ' + TSR' : ''})`, io.err);
        },
        onProgress: ({ done, total }) => progress?.update(done, total),
      },
    );
  } catch (err) {
    if (isCancelled(err)) {
      io.err.write('saliency stopped; nothing was written\n');
      return 130;
    }
    throw err;
  } finally {
    stop();
    progress?.done();
  }
  const used = result.index.params.batchSize;
  if (used !== batchSize) io.err.write(`note: --batch ${batchSize} lowered to ${used} rows per pass, to stay within ${formatBytes(defaultPassBytes())} of memory\n`);
  io.out(args.json ? JSON.stringify({ out: result.out, ...result.index, samples: result.index.samples.length, groundTruth: result.groundTruth }, null, 2) + '\n' : formatSaliencySummary(result, result.groundTruth, out));
  if (!args.json && result.randomisation) io.out(`${randomisationLines(result.randomisation).join('\n')}\n`);
  return 0;
}
