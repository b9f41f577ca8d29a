import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { Adam } from '../../../src/jobs/adam.js';
import type { SampleTable } from '../../../src/jobs/batches.js';
import { trainStep } from '../../../src/jobs/train-step.js';
import { attentionByOps, setAttentionImplementation } from '../../../src/model/attention.js';
import { selectBackend } from '../../../src/model/backend/select.js';
import { createClassifier } from '../../../src/model/classifier.js';
import { fusedInputCellAttention } from '../../../src/model/fused-attention/index.js';
import { uniform } from './cases.js';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const BACKEND = (process.env.BENCH_BACKEND ?? 'wasm') as 'wasm' | 'cpu';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);

it('bench', async () => {
  await selectBackend(BACKEND);
  const [B, T, N, K] = [50, 100, 100, 20];
  // Attention alone: forward + gradients of Σ c·out wrt scores and x.
  const scores = tf.tensor3d(uniform(B * K * T, 2, 1), [B, K, T]);
  const x = tf.tensor3d(uniform(B * T * N, 1, 2), [B, T, N]);
  const c = tf.tensor3d(uniform(B * T * N, 1, 3), [B, T, N]);
  const attentionTimes: Record<string, number[]> = { fused: [], ops: [], fusedFwd: [] };
  const f = { fused: fusedInputCellAttention, ops: attentionByOps };
  for (let i = 0; i < REPEAT + 2; i++) {
    for (const name of ['fused', 'ops'] as const) {
      const t0 = performance.now();
      tf.tidy(() => { const g = tf.grads((s: tf.Tensor, xx: tf.Tensor) => tf.sum(tf.mul(f[name](s as tf.Tensor3D, xx as tf.Tensor3D, 'mean'), c)))([scores, x]); g[0].dataSync(); g[1].dataSync(); });
      if (i >= 2) attentionTimes[name].push(performance.now() - t0);
    }
    const t0 = performance.now();
    tf.tidy(() => fusedInputCellAttention(scores, x, 'mean').dataSync());
    if (i >= 2) attentionTimes.fusedFwd.push(performance.now() - t0);
  }
  console.log(`${BACKEND} attention alone (fwd+grad), ms:`, Object.entries(attentionTimes).map(([k, v]) => `${k} ${median(v).toFixed(1)} [${v.map((t) => t.toFixed(0)).join(' ')}]`).join(' | '));
  tf.dispose([scores, x, c]);

  // Whole training step of the paper's model.
  const model = createClassifier({ cell: 'lstm', attention: 'input-cell', variant: 'mean', inputSize: N, hidden: 5, classes: 2, attentionDim: 50, hops: K, inputDropout: 0.1, hiddenDropout: 0.1 }, 1);
  const table: SampleTable = { data: uniform(B * T * N, 1.5, 9), window: T, features: N, classes: 2, labels: Array.from({ length: B }, (_, i) => i % 2) };
  const indices = Array.from({ length: B }, (_, i) => i);
  const adam = new Adam(model.variables, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  const times: Record<string, number[]> = { fused: [], ops: [] };
  for (let i = 0; i < REPEAT + 2; i++) {
    for (const name of ['fused', 'ops'] as const) {
      setAttentionImplementation(name);
      const t0 = performance.now();
      trainStep(model, adam, table, indices, [1, 1]);
      if (i >= 2) times[name].push(performance.now() - t0);
    }
  }
  setAttentionImplementation('auto');
  console.log(`${BACKEND} training step, ms:`, Object.entries(times).map(([k, v]) => `${k} ${median(v).toFixed(1)} [${v.map((t) => t.toFixed(0)).join(' ')}]`).join(' | '));
  adam.dispose();
  model.dispose();
}, 600_000);
