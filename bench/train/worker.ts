// One backend in its own process: `node dist/bench/train/worker.js <backend> <models> <warmup> <repeat> <kernels> [threads]`.
// Prints one JSON line: the backend report and step times per model, or why it is unavailable.
import * as tf from '@tensorflow/tfjs-core';
import { BackendError, formatBackendReport, selectBackend, type BackendName } from '../../src/model/backend/index.js';
import { setAttentionImplementation } from '../../src/model/attention.js';
import { createClassifier } from '../../src/model/classifier.js';
import { setWasmThreads } from '../../src/model/fused-wasm/index.js';
import { setFusedSweeps } from '../../src/model/fused/policy.js';
import { setRecurrenceImplementation } from '../../src/model/recurrence.js';
import { benchConfig, type BenchModel } from './setup.js';
import { timeTrainingSteps } from './step.js';

async function main(): Promise<void> {
  const [backend, models, warmup, repeat, kernels = 'simd', threads = '1'] = process.argv.slice(2);
  // `simd`: what `auto` picks on cpu and wasm (recurrence.wasm's sweeps on `threads` threads, the
  // attention's fused JS passes); `js`: the fused JavaScript sweeps; `fused`: the fused kernels
  // of the backend (WGSL on webgpu); `ops`: TF.js's per-step ops.
  const choice = kernels === 'ops' ? 'ops' : kernels === 'fused' ? 'fused' : 'auto';
  setRecurrenceImplementation(choice);
  setAttentionImplementation(choice === 'fused' ? 'auto' : choice);
  setFusedSweeps(kernels === 'js' ? 'js' : kernels === 'simd' ? 'wasm' : 'auto');
  setWasmThreads(Number(threads));
  let report;
  try {
    report = await selectBackend(backend as BackendName);
  } catch (err) {
    if (!(err instanceof BackendError)) throw err;
    console.log(JSON.stringify({ backend, kernels, threads: Number(threads), available: false, why: String(err.value) }));
    return;
  }
  const results: Record<string, unknown> = {};
  for (const name of models.split(',') as BenchModel[]) {
    const model = createClassifier(benchConfig(name), 0);
    results[name] = await timeTrainingSteps(model, Number(warmup), Number(repeat));
    model.dispose();
    process.stderr.write(`  ${backend} ${name}: done\n`);
  }
  console.log(JSON.stringify({ backend, kernels, threads: Number(threads), available: true, tfBackend: tf.getBackend(), report: formatBackendReport(report), results }));
}

await main();
