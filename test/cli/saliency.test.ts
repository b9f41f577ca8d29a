import * as tf from '@tensorflow/tfjs-core';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadClassifier } from '../../src/jobs/model-dir.js';
import { readRunConfig } from '../../src/jobs/run-setup.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { defaultPassBytes, formatBytes, gradientRowBytes } from '../../src/saliency/methods/index.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { readSynth } from '../../src/synth/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';

await selectBackend('cpu');

async function cli(args: string[]) {
  const io = captureIO();
  const code = await main(['saliency', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

let run: Awaited<ReturnType<typeof tinyRun>>;
beforeAll(async () => {
  run = await tinyRun();
}, 60_000);

/** p(class | x) and ∂p_c/∂x of one sample, straight from the saved best model. */
async function reference(sample: Float32Array, target: number) {
  const { model } = await loadClassifier(path.join(run.runDir, 'best'), createClassifier);
  const x = tf.tensor3d(sample, [1, 100, 100]);
  const probs = tf.tidy(() => tf.softmax(model.logits(x, false)).dataSync() as Float32Array);
  const grad = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.slice(tf.softmax(model.logits(v as tf.Tensor3D, false)), [0, target], [1, 1])))(x).dataSync() as Float32Array);
  x.dispose();
  model.dispose();
  return { probs, grad };
}

describe('saliency-studio saliency', () => {
  it('stores |∂p_true/∂x| of every test sample with the model\'s predictions, and scores it against the boxes', async () => {
    const r = await cli(['--run', run.runDir, '--backend', 'cpu', '--batch', '7']);
    expect(r.err).toMatch(/backend cpu: requested explicitly/);
    expect(r.code).toBe(0);
    const stored = await readSaliencyResult(path.join(run.runDir, 'saliency', 'grad'));
    // The test split is the last 20 samples of the slice (training samples come first).
    expect(stored.index.samples.map((s) => s.index)).toEqual(Array.from({ length: 20 }, (_, i) => 60 + i));
    expect([stored.maps.samples, stored.maps.time, stored.maps.features]).toEqual([20, 100, 100]);
    const synth = await readSynth(run.dataDir);
    for (const k of [0, 13]) {
      const s = stored.index.samples[k];
      expect(s.label).toBe(synth.dataset.samples[s.index].label);
      expect(s.target).toBe(s.label);
      const { probs, grad } = await reference(synth.dataset.data.slice(s.index * 10000, (s.index + 1) * 10000), s.target);
      expect(s.probability).toBeCloseTo(probs[s.target], 6);
      expect(s.predicted).toBe(probs[1] > probs[0] ? 1 : 0);
      const map = stored.maps.data.subarray(k * 10000, (k + 1) * 10000);
      const scale = Math.max(...grad.map(Math.abs));
      for (let i = 0; i < 10000; i += 97) expect(Math.abs(map[i] - Math.abs(grad[i]))).toBeLessThan(1e-5 * scale);
    }
    expect(r.out).toMatch(/Saliency grad of 20 test samples \(100 steps × 100 regions\)/);
    expect(r.out).toMatch(/Against the planted boxes \(20 samples\): weighted Jaccard 0\.\d{3}, Euclidean \d\.\d{3}, AUC 0\.\d{3}, AUP 0\.\d{3}, AUR 0\.\d{3}/);
  }, 60_000);

  it('IG records each sample\'s completeness gap, consistent with the stored attributions', async () => {
    const out = path.join(await tempDir(), 'ig');
    const r = await cli(['--run', run.runDir, '--method', 'ig', '--steps', '8', '--samples', 'test', '--backend', 'cpu', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ method: 'ig', samples: 20, params: { steps: 8, rule: 'gausslegendre', baseline: { kind: 'zeros' } } });
    const stored = await readSaliencyResult(out);
    const synth = await readSynth(run.dataDir);
    const s = stored.index.samples[4];
    const sum = stored.maps.data.subarray(4 * 10000, 5 * 10000).reduce((a, v) => a + v, 0);
    const atX = (await reference(synth.dataset.data.slice(s.index * 10000, (s.index + 1) * 10000), s.target)).probs[s.target];
    const atZero = (await reference(new Float32Array(10000), s.target)).probs[s.target];
    // delta = Σ attributions − (p(x) − p(baseline)), recomputed here from both ends.
    expect(sum - (atX - atZero)).toBeCloseTo(s.delta!, 5);
  }, 60_000);

  it('Ctrl-C stops at the next batch: "saliency stopped; nothing was written", exit 130, no output folder', async () => {
    const out = path.join(await tempDir(), 'stopped');
    const io = captureIO();
    // Pressed once the first progress line past 0 is printed: the command's handler aborts its signal.
    let pressed = false;
    (io.err as unknown as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      if (!pressed && /: [1-9]\d*\/\d+ /.test(chunk.toString())) {
        pressed = true;
        process.emit('SIGINT', 'SIGINT');
      }
    });
    const code = await main(['saliency', '--run', run.runDir, '--method', 'ig', '--steps', '8', '--samples', 'test', '--backend', 'cpu', '--batch', '4', '--out', out], io);
    expect(pressed).toBe(true);
    expect(code).toBe(130);
    expect(io.stderr()).toContain('\nstopping after the current batch\n');
    expect(io.stderr()).toMatch(/saliency stopped; nothing was written\n$/);
    expect(io.stderr()).not.toMatch(/: (\d+)\/\1 \(100%\)/);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
    expect(process.listenerCount('SIGINT')).toBe(0);
  }, 60_000);

  it('refuses --steps 1e9 and other values past their maximum before opening the run, naming the maximum', async () => {
    const empty = await tempDir();
    for (const [args, message] of [
      [['--method', 'ig', '--steps', '1e9'], 'saliency: --steps = "1e9"; expected an integer ≥ 1 and ≤ 1000'],
      [['--method', 'smoothgrad', '--noise-samples', '5000'], 'saliency: --noise-samples = "5000"; expected an integer ≥ 1 and ≤ 1000'],
      [['--batch', '100000'], 'saliency: --batch = "100000"; expected an integer ≥ 1 and ≤ 4096'],
      [['--method', 'smoothgrad', '--seed', '4294967296'], 'saliency: --seed = "4294967296"; expected an integer ≥ 0 and ≤ 4294967295'],
      [['--tsr', '--tsr-alpha', '1'], 'saliency: --tsr-alpha = "1"; expected a number > 0 and < 1'],
    ]) {
      const r = await cli(['--run', empty, ...args]);
      expect([r.code, r.err]).toEqual([2, `error: ${message}\n`]);
    }
  });

  it('--sigma=-1 gets the range check; --sigma -1 says to write --sigma=-1', async () => {
    const empty = await tempDir();
    const joined = await cli(['--run', empty, '--method', 'smoothgrad', '--sigma=-1']);
    expect([joined.code, joined.err]).toEqual([2, 'error: saliency: --sigma = "-1"; expected a number > 0 and ≤ 1\n']);
    const spaced = await cli(['--run', empty, '--method', 'smoothgrad', '--sigma', '-1']);
    expect([spaced.code, spaced.err]).toEqual([2, 'error: saliency: --sigma = "-1"; expected a value; one starting with "-" must be joined with "=": write --sigma=-1\n']);
  });

  it('warns of each option the method does not use, and lowers a --batch the memory bound cannot hold', async () => {
    const out = path.join(await tempDir(), 'grad');
    const r = await cli(['--run', run.runDir, '--method', 'grad', '--steps', '5', '--sigma', '0.3', '--batch', '4096', '--backend', 'cpu', '--out', out]);
    expect(r.code).toBe(0);
    const lines = r.err.split('\n');
    expect(lines.slice(0, 2)).toEqual(['warning: --steps is only used by --method ig; ignored', 'warning: --sigma is only used by --method smoothgrad; ignored']);
    // The tiny run's LSTM with input-cell attention on 100 × 100 windows: about 0.9 MB a row.
    const fits = Math.floor(defaultPassBytes() / gradientRowBytes(100, 100, (await readRunConfig(run.runDir)).model));
    expect(fits).toBeLessThan(4096);
    expect(lines).toContain(`note: --batch 4096 lowered to ${fits} rows per pass, to stay within ${formatBytes(defaultPassBytes())} of memory`);
    const stored = await readSaliencyResult(out);
    expect(stored.index.params).toEqual({ method: 'grad', target: 'true', batchSize: fits, tsr: false });
  }, 60_000);

  it('names the option or file that is wrong, with usage errors exiting 2 and bad input 1', async () => {
    expect((await cli([])).code).toBe(2);
    const method = await cli(['--run', run.runDir, '--method', 'lime']);
    expect(method.code).toBe(2);
    expect(method.err).toMatch(/--method = "lime"; expected one of grad, gradxinput, ig, smoothgrad, occlusion-time, occlusion-feature/);
    const empty = await cli(['--run', await tempDir(), '--backend', 'cpu']);
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/run folder = "no config.json"; expected a training run folder/);
  });
});
