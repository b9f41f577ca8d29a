// `node dist/bench/train/webgpu-recurrence.js [--cell lstm --batch 32 --time 100 --hidden 64 --features 100 --repeat 3 --warmup 1]`
// (after `npx tsc -p tsconfig.json`). Milliseconds per recurrence forward + backward on the webgpu
// backend: the fused WGSL kernels (src/model/fused-webgpu) against TF.js's op loop, both through
// runRecurrence. Without a GPU, VK_ICD_FILENAMES may name a software Vulkan driver (SwiftShader:
// Debian's chromium ships one); the adapter is printed, so a software number is never taken for a GPU's.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { formatBackendReport, selectBackend } from '../../src/model/backend/select.js';
import { CELLS } from '../../src/model/cells/index.js';
import { runRecurrence, setRecurrenceImplementation } from '../../src/model/recurrence.js';
import { CELL_KINDS, type CellKind } from '../../src/model/types.js';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** One forward + backward of Σ last state, every gradient read back (the GPU queue drained). */
async function step(cell: CellKind, x: tf.Tensor3D, params: { kernel: tf.Tensor2D; recurrent: tf.Tensor2D; bias: tf.Tensor1D }): Promise<number> {
  const start = performance.now();
  const grads = tf.grads((xi: tf.Tensor, k: tf.Tensor, u: tf.Tensor, b: tf.Tensor) =>
    tf.sum(runRecurrence(CELLS[cell], { kernel: k as tf.Tensor2D, recurrent: u as tf.Tensor2D, bias: b as tf.Tensor1D }, xi as tf.Tensor3D)),
  )([x, params.kernel, params.recurrent, params.bias]);
  await Promise.all(grads.map((g) => g.data()));
  const ms = performance.now() - start;
  tf.dispose(grads);
  return ms;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cell: { type: 'string', default: 'lstm' },
      batch: { type: 'string', default: '32' },
      time: { type: 'string', default: '100' },
      hidden: { type: 'string', default: '64' },
      features: { type: 'string', default: '100' },
      repeat: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
    },
  });
  const cell = values.cell as CellKind;
  if (!CELL_KINDS.includes(cell)) throw new Error(`--cell ${cell}: expected one of ${CELL_KINDS.join(', ')}`);
  const [batch, time, hidden, features, repeat, warmup] = [values.batch, values.time, values.hidden, values.features, values.repeat, values.warmup].map(Number);
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(path.join(tmpdir(), 'xdg-'));
  console.log(formatBackendReport(await selectBackend('webgpu')));
  const width = CELLS[cell].gates * hidden;
  const x = tf.randomUniform([batch, time, features], -1, 1) as tf.Tensor3D;
  const params = {
    kernel: tf.randomUniform([features, width], -0.1, 0.1) as tf.Tensor2D,
    recurrent: tf.randomUniform([hidden, width], -0.1, 0.1) as tf.Tensor2D,
    bias: tf.zeros([width]) as tf.Tensor1D,
  };
  const implementations = ['fused', 'ops'] as const;
  const times: Record<(typeof implementations)[number], number[]> = { fused: [], ops: [] };
  // Alternating, so that load from other processes falls on both alike.
  for (let i = 0; i < warmup + repeat; i++) {
    for (const implementation of implementations) {
      setRecurrenceImplementation(implementation);
      const ms = await step(cell, x, params);
      if (i >= warmup) times[implementation].push(ms);
    }
  }
  setRecurrenceImplementation('auto');
  for (const implementation of implementations) {
    const t = times[implementation];
    console.log(`${implementation}: ${t.map((v) => v.toFixed(0)).join(', ')} ms (median ${median(t).toFixed(0)}, min ${Math.min(...t).toFixed(0)})`);
  }
  console.log(JSON.stringify({ cell, batch, time, hidden, features, fusedMedianMs: median(times.fused), opsMedianMs: median(times.ops) }));
}

await main();
