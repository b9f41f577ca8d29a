// One backend in its own process: `node dist/bench/train/worker.js <backend> <models> <warmup> <repeat> <fused|ops>`.
// Prints one JSON line: the backend report and step times per model, or why it is unavailable.
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, formatBackendReport, selectBackend, type BackendName } from '../../src/model/backend/index.js';
import { setAttentionImplementation } from '../../src/model/attention.js';
import { createClassifier } from '../../src/model/classifier.js';
import { setRecurrenceImplementation } from '../../src/model/recurrence.js';
import { benchConfig, type BenchModel } from './setup.js';
import { timeTrainingSteps } from './step.js';

async function main(): Promise<void> {
  const [backend, models, warmup, repeat, kernels = 'fused'] = process.argv.slice(2);
  // `fused`: what `auto` picks (fused JS kernels on cpu and wasm); `ops`: TF.js's per-step ops.
  const choice = kernels === 'ops' ? 'ops' : 'auto';
  setRecurrenceImplementation(choice);
  setAttentionImplementation(choice);
  let report;
  try {
    report = await selectBackend(backend as BackendName);
  } catch (err) {
    if (!(err instanceof BackendError)) throw err;
    console.log(JSON.stringify({ backend, kernels, available: false, why: String(err.value) }));
    return;
  }
  const results: Record<string, unknown> = {};
  for (const name of models.split(',') as BenchModel[]) {
    const model = createClassifier(benchConfig(name), 0);
    results[name] = await timeTrainingSteps(model, Number(warmup), Number(repeat));
    model.dispose();
    process.stderr.write(`  ${backend} ${name}: done\n`);
  }
  console.log(JSON.stringify({ backend, kernels, available: true, tfBackend: tf.getBackend(), report: formatBackendReport(report), results }));
}

await main();
