import path from 'node:path';
import { BACKEND_CHOICES, formatBackendReport, selectBackend, type BackendChoice } from '../../model/backend/index.js';
import { baselineSpec, explainRun, type BaselineName, type ExplainRequest } from '../../saliency/explain-run.js';
import { groundTruthMasks, scoreAgainstMasks } from '../../saliency/ground-truth.js';
import { INTEGRATION_RULES, SaliencyCancelled, type IntegrationRule, type SaliencyOptions } from '../../saliency/methods/index.js';
import { writeSaliencyResult } from '../../saliency/store.js';
import { formatSaliencySummary } from '../../saliency/summary.js';
import { SALIENCY_METHODS, type SaliencyMethod } from '../../saliency/types.js';
import { choiceOption, intOption, numberOption, parseCommand, requiredOption } from '../args.js';
import { cancelOnInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';

export const saliencyHelp = `Usage: saliency-studio saliency --run <run-dir> [options]

Saliency maps (time × regions) of a trained run's best model for its test samples, stored as
saliency.f32 (float32, samples × time × regions) and saliency.json (axes, samples, method and
every parameter). On a synthetic dataset the maps are also scored against the planted boxes.

Options:
  --method M        ${SALIENCY_METHODS.join(' | ')} (default grad: |∂p_c/∂x|, as the paper)
  --tsr             temporal saliency rescaling (Ismail et al. 2020) on top of the method
  --tsr-alpha A     TSR's quantile threshold of time scores (default 0.55)
  --tsr-fast        TSR without the per-feature pass (T instead of T + k·N maps per sample)
  --samples S       test | all (default test: the run's held-out test split)
  --target T        true | predicted: the class explained (default true, as the paper)
  --baseline B      zeros | mean | random: IG's reference and occlusion's fill (default zeros;
                    mean is the mean of the run's training samples)
  --steps N         IG: quadrature points (default 50)
  --rule R          IG: ${INTEGRATION_RULES.join(' | ')} (default gausslegendre)
  --noise-samples N SmoothGrad: noisy copies per sample (default 50)
  --sigma X         SmoothGrad: noise sd as a share of each sample's range (default 0.15)
  --seed N          seed of SmoothGrad noise and random baselines (default 0)
  --batch N         model inputs per internal pass: memory only, never results (default 64)
  --backend B       ${BACKEND_CHOICES.join(' | ')} (default auto)
  --out <dir>       where to write (default <run-dir>/saliency/<method>[-tsr])
  --json            print saliency.json's summary as JSON
`;

export async function saliencyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('saliency', argv, {
    run: { type: 'string' }, method: { type: 'string' }, tsr: { type: 'boolean' }, 'tsr-alpha': { type: 'string' },
    'tsr-fast': { type: 'boolean' }, samples: { type: 'string' }, target: { type: 'string' }, baseline: { type: 'string' },
    steps: { type: 'string' }, rule: { type: 'string' }, 'noise-samples': { type: 'string' }, sigma: { type: 'string' },
    seed: { type: 'string' }, batch: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(saliencyHelp);
    return 0;
  }
  const cmd = 'saliency';
  const runDir = requiredOption(cmd, 'run', values.run);
  const method = choiceOption<SaliencyMethod>(cmd, 'method', values.method, SALIENCY_METHODS, 'grad');
  const seed = intOption(cmd, 'seed', values.seed, 0, 0);
  const options: SaliencyOptions = {
    baseline: baselineSpec(choiceOption<BaselineName>(cmd, 'baseline', values.baseline, ['zeros', 'mean', 'random'], 'zeros'), seed),
    steps: intOption(cmd, 'steps', values.steps, 50),
    rule: choiceOption<IntegrationRule>(cmd, 'rule', values.rule, INTEGRATION_RULES, 'gausslegendre'),
    noiseSamples: intOption(cmd, 'noise-samples', values['noise-samples'], 50),
    sigma: numberOption(cmd, 'sigma', values.sigma, 0.15),
    seed,
    tsr: values.tsr || values['tsr-alpha'] !== undefined || values['tsr-fast']
      ? { alpha: numberOption(cmd, 'tsr-alpha', values['tsr-alpha'], 0.55), featurePass: !values['tsr-fast'] }
      : false,
  };
  const request: ExplainRequest = {
    runDir, method, options,
    samples: choiceOption(cmd, 'samples', values.samples, ['test', 'all'] as const, 'test'),
    target: choiceOption(cmd, 'target', values.target, ['true', 'predicted'] as const, 'true'),
  };
  const batchSize = intOption(cmd, 'batch', values.batch, 64);
  const out = values.out ?? path.join(runDir, 'saliency', `${method}${options.tsr ? '-tsr' : ''}`);

  const report = await selectBackend(choiceOption<BackendChoice>(cmd, 'backend', values.backend, BACKEND_CHOICES, 'auto'));
  io.err.write(`${formatBackendReport(report)}\n`);
  const progress = createProgress(`saliency (${method}${options.tsr ? ' + TSR' : ''})`, io.err);
  const { isCancelled, stop } = cancelOnInterrupt(io.err, 'stopping after the current batch');
  let result;
  try {
    result = await explainRun(request, { batchSize, onProgress: (done, total) => progress.update(done, total), isCancelled }, report.backend);
  } catch (err) {
    if (err instanceof SaliencyCancelled) {
      io.err.write('saliency stopped; nothing was written\n');
      return 130;
    }
    throw err;
  } finally {
    stop();
    progress.done();
  }
  await writeSaliencyResult(out, result);
  const masks = await groundTruthMasks(result.index.dataset, result.index.samples.map((s) => s.index));
  const truth = masks ? scoreAgainstMasks(result.maps, masks) : null;
  io.out(values.json ? JSON.stringify({ out: path.resolve(out), ...result.index, samples: result.index.samples.length, groundTruth: truth }, null, 2) + '\n' : formatSaliencySummary(result, truth, out));
  return 0;
}
