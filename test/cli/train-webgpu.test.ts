import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readMetrics } from '../../src/jobs/run-dir.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeToyDataset } from '../jobs/helpers/toy-dataset.js';
import { noAdapterReason } from '../model/backend/webgpu-env.js';

// Training runs in a worker thread from dist/ (`npx tsc -p tsconfig.json`): this checks that
// Dawn loads there too. SwiftShader is slow: a tiny model, 2 epochs, 3 batches each.
const why = await noAdapterReason();
const skip = why ? ` (skipped: no WebGPU adapter: ${why})` : '';

async function train(data: string, backend: string, extra: string[] = []) {
  const out = path.join(await tempDir(), `run-${backend}`);
  const io = captureIO();
  const code = await main(['train', '--data', data, '--out', out, '--hidden', '2', '--epochs', '2', '--batch', '4', '--lr', '0.05', '--seed', '1', '--backend', backend, ...extra], io);
  return { code, err: io.stderr(), out: io.stdout(), dir: out, metrics: code === 0 ? await readMetrics(out) : [] };
}

/** |a − b| ≤ tol·max(|a|, |b|, 1e-3), element by element. */
function expectRelClose(actual: number[], expected: number[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `#${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(a), Math.abs(expected[i]), 1e-3)));
}

describe('saliency-studio train --backend webgpu', () => {
  it.skipIf(why !== null).each([[[]], [['--attention', 'input-cell']]])(`trains on WebGPU to the losses of wasm, and says it ran on a software adapter (%j)${skip}`, async (extra) => {
    const data = await writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [6, 6], test: [2, 2] }, window: 4, regions: 3 });
    const gpu = await train(data, 'webgpu', extra);
    expect(gpu.err, gpu.err).toMatch(/^backend webgpu: requested explicitly; WebGPU on /m);
    expect(gpu.code).toBe(0);
    if (process.env.VK_ICD_FILENAMES?.includes('swiftshader')) expect(gpu.err).toMatch(/WebGPU on a software adapter \(SwiftShader\), not a GPU/);
    const wasm = await train(data, 'wasm', extra);
    expect(wasm.code).toBe(0);
    expect(gpu.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    expectRelClose(gpu.metrics.flatMap((m) => [m.trainLoss, m.valLoss]), wasm.metrics.flatMap((m) => [m.trainLoss, m.valLoss]), 1e-3);
  });

  it.skipIf(why !== null).each([['grad'], ['ig']])(`saliency --method %s on WebGPU equals the maps computed on wasm from the same model${skip}`, async (method) => {
    const data = await writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [4, 4], test: [2, 2] }, window: 4, regions: 3 });
    const run = await train(data, 'wasm', ['--attention', 'input-cell']);
    expect(run.code, run.err).toBe(0);
    const maps: Record<string, Float32Array> = {};
    for (const backend of ['webgpu', 'wasm']) {
      const io = captureIO();
      const out = path.join(run.dir, `saliency-${backend}`);
      const code = await main(['saliency', '--run', run.dir, '--method', method, ...(method === 'ig' ? ['--steps', '4'] : []), '--backend', backend, '--out', out], io);
      expect(code, io.stderr()).toBe(0);
      expect(io.stderr()).toMatch(new RegExp(`^backend ${backend}: requested explicitly`, 'm'));
      maps[backend] = (await readSaliencyResult(out)).maps.data;
    }
    expect(maps.webgpu.length).toBe(4 * 4 * 3);
    const scale = Math.max(...Array.from(maps.wasm, Math.abs));
    expect(scale).toBeGreaterThan(0);
    maps.webgpu.forEach((v, i) => expect(Math.abs(v - maps.wasm[i]), `cell ${i}`).toBeLessThanOrEqual(1e-4 * scale));
  });
});
