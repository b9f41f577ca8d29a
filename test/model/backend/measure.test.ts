import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEnvironment, installedVersion, TIMED_PACKAGES } from '../../../src/model/backend/environment.js';
import { importPackage } from '../../../src/model/backend/loader.js';
import { timeBackend, type BackendProbe } from '../../../src/model/backend/probe.js';
import { formatBackendReport, selectBackend, type MeasureOptions } from '../../../src/model/backend/select.js';
import { timingCacheFile, timingKey } from '../../../src/model/backend/timing-cache.js';
import type { BackendName, LoadResult, PackageLoader } from '../../../src/model/backend/types.js';
import { tempDir } from '../../helpers/temp-tree.js';

/**
 * node (a fake "tensorflow" on the JS kernels), wasm and cpu usable; node-gpu and webgpu not
 * installed: three rungs to time, on every machine.
 */
const threeRungs: PackageLoader = async (name) => {
  const fakes: Record<string, () => LoadResult> = {
    '@tensorflow/tfjs-node-gpu': () => ({ status: 'missing' }),
    webgpu: () => ({ status: 'missing' }),
    '@tensorflow/tfjs-node': () => {
      if (!tf.findBackendFactory('tensorflow')) tf.registerBackend('tensorflow', () => new MathBackendCPU());
      return { status: 'loaded', module: {} };
    },
  };
  return fakes[name] ? fakes[name]() : importPackage(name);
};

/** Per backend: the (fake) ms of building plus the first step, and of each later step. */
type Costs = Partial<Record<BackendName, { warmup: number; step: number } | 'throws'>>;

/**
 * A probe that takes no real time: each step advances a fake clock by the cost of the backend
 * it was prepared on, and every prepare and step is logged, so a test can see what ran.
 */
function fakeProbe(costs: Costs, shape: BackendProbe['shape'] = { cell: 'lstm', hidden: 5, batchSize: 50 }) {
  let clock = 0;
  const log: string[] = [];
  const probe: BackendProbe = {
    shape,
    prepare(name) {
      log.push(`prepare ${name}`);
      const cost = costs[name];
      if (cost === 'throws') throw new Error(`no kernel for LSTMBlockCell on ${name}`);
      let steps = 0;
      return {
        step: async () => {
          log.push(`step ${name}`);
          clock += steps++ === 0 ? (cost?.warmup ?? 1) : (cost?.step ?? 1);
        },
        dispose: () => void log.push(`dispose ${name}`),
      };
    },
  };
  return { probe, log, now: () => clock };
}

const ENV = { cpu: 'Test CPU', cpus: '2', platform: 'linux', arch: 'x64', gpu: 'none', node: 'v20.0.0', '@tensorflow/tfjs-core': '4.22.0' };

async function options(now: () => number, extra: Partial<MeasureOptions> = {}): Promise<MeasureOptions> {
  return { now, cacheFile: path.join(await tempDir(), 'backend-timings.json'), environment: async () => ENV, ...extra };
}

afterEach(async () => {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
});

describe('auto with a model to measure', () => {
  it('chooses the fastest measured backend even when it is lower on the ladder, and reports every timing', async () => {
    const { probe, log, now } = fakeProbe({ node: { warmup: 300, step: 50 }, wasm: { warmup: 40, step: 20 }, cpu: { warmup: 9, step: 5 } });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report).toMatchObject({ backend: 'cpu', tfBackend: 'cpu', requested: 'auto', chosenBy: 'measured' });
    expect(tf.getBackend()).toBe('cpu');
    expect(report.timings).toEqual([
      { name: 'node', msPerStep: 50, warmupMs: 300 },
      { name: 'wasm', msPerStep: 20, warmupMs: 40 },
      { name: 'cpu', msPerStep: 5, warmupMs: 9 },
    ]);
    expect(report.reason).toMatch(/^fastest measured: cpu 5 ms\/step vs node 50 ms\/step, wasm 20 ms\/step; pure JavaScript/);
    expect(report.skipped.map((s) => s.name)).toEqual(['node-gpu', 'webgpu']);
    // One warm-up and two timed steps per backend, each disposed before the next is activated.
    for (const name of ['node', 'wasm', 'cpu']) {
      expect(log.filter((l) => l.endsWith(` ${name}`))).toEqual([`prepare ${name}`, `step ${name}`, `step ${name}`, `step ${name}`, `dispose ${name}`]);
    }
  });

  it('activates the winner again after timing slower rungs below it', async () => {
    const { probe, now } = fakeProbe({ node: { warmup: 30, step: 10 }, wasm: { warmup: 40, step: 20 }, cpu: { warmup: 90, step: 50 } });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report.backend).toBe('node');
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('takes a cached measurement without timing anything, and makes the same choice', async () => {
    const costs: Costs = { node: { warmup: 300, step: 50 }, wasm: { warmup: 40, step: 20 }, cpu: { warmup: 9, step: 30 } };
    const first = fakeProbe(costs);
    const opts = await options(first.now);
    const measured = await selectBackend('auto', threeRungs, first.probe, opts);
    await tf.setBackend('cpu');
    const second = fakeProbe(costs);
    const cached = await selectBackend('auto', threeRungs, second.probe, { ...opts, now: second.now });
    expect(second.log).toEqual([]);
    expect(cached).toMatchObject({ backend: measured.backend, chosenBy: 'cached', timings: measured.timings, skipped: measured.skipped });
    expect(cached.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(Date.parse(cached.measuredAt!)).not.toBeNaN();
    expect(cached.reason).toBe(`cached measurement from ${cached.measuredAt}: wasm 20 ms/step vs node 50 ms/step, cpu 30 ms/step; ${measured.reason.split('; ').slice(1).join('; ')}`);
  });

  it('measures again for another model shape or another package version', async () => {
    const costs: Costs = { node: { warmup: 3, step: 1 } };
    const a = fakeProbe(costs);
    const opts = await options(a.now);
    await selectBackend('auto', threeRungs, a.probe, opts);
    const shape = fakeProbe(costs, { cell: 'lstm', hidden: 64, batchSize: 50 });
    expect((await selectBackend('auto', threeRungs, shape.probe, opts)).chosenBy).toBe('measured');
    expect(shape.log).toContain('prepare node');
    const versions = fakeProbe(costs);
    const newer = { ...ENV, '@tensorflow/tfjs-core': '4.23.0' };
    expect((await selectBackend('auto', threeRungs, versions.probe, { ...opts, environment: async () => newer })).chosenBy).toBe('measured');
    expect(versions.log).toContain('prepare node');
    // The first shape and versions are still cached beside the others.
    const again = fakeProbe(costs);
    expect((await selectBackend('auto', threeRungs, again.probe, opts)).chosenBy).toBe('cached');
  });

  it('ignores a corrupt cache file, measures, and rewrites it', async () => {
    const { probe, log, now } = fakeProbe({ wasm: { warmup: 3, step: 0.5 } });
    const opts = await options(now);
    await writeFile(opts.cacheFile!, '{"format": "saliency-studio-backend-timings", "entries": {tru');
    const report = await selectBackend('auto', threeRungs, probe, opts);
    expect(report).toMatchObject({ backend: 'wasm', chosenBy: 'measured' });
    expect(log).toContain('prepare cpu');
    const written = JSON.parse(await readFile(opts.cacheFile!, 'utf8'));
    expect(written.format).toBe('saliency-studio-backend-timings');
    expect(Object.values(written.entries)).toEqual([expect.objectContaining({ backend: 'wasm', timings: report.timings, environment: ENV, shape: probe.shape })]);
  });

  it('never measures a backend asked for by name', async () => {
    const { probe, log, now } = fakeProbe({});
    const report = await selectBackend('wasm', threeRungs, probe, await options(now));
    expect(report).toEqual({ backend: 'wasm', requested: 'wasm', tfBackend: 'wasm', reason: expect.stringMatching(/^requested explicitly; WebAssembly/), skipped: [] });
    expect(log).toEqual([]);
  });

  it('reports a backend that fails while timing the model and passes it over', async () => {
    const { probe, log, now } = fakeProbe({ node: 'throws', wasm: { warmup: 40, step: 20 }, cpu: { warmup: 90, step: 50 } });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report.backend).toBe('wasm');
    expect(report.timings?.map((t) => t.name)).toEqual(['wasm', 'cpu']);
    expect(report.skipped).toContainEqual({ name: 'node', why: 'works, but failed while timing one training step of the model: no kernel for LSTMBlockCell on node' });
    expect(log).not.toContain('step node');
  });

  it('stops timing a backend whose warm-up is already far slower than the best so far', async () => {
    // 20 ms best (wasm): cpu's 5000 ms warm-up is over 10× that and over the 1 s floor.
    const { probe, log, now } = fakeProbe({ node: { warmup: 80, step: 40 }, wasm: { warmup: 40, step: 20 }, cpu: { warmup: 5000, step: 2000 } });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report.backend).toBe('wasm');
    expect(report.timings?.at(-1)).toEqual({ name: 'cpu', msPerStep: null, warmupMs: 5000 });
    expect(log.filter((l) => l === 'step cpu')).toHaveLength(1);
    expect(report.reason).toMatch(/^fastest measured: wasm 20 ms\/step vs node 40 ms\/step, cpu slower \(stopped after a 5000 ms warm-up\); /);
    expect(formatBackendReport(report).split('\n').slice(1)).toEqual([
      'timings of one training step:',
      '  node     40 ms/step (warm-up 80 ms)',
      '  wasm     20 ms/step (warm-up 40 ms)  ← chosen',
      '  cpu      stopped after a 5000 ms warm-up',
    ]);
  });

  it('times a slow warm-up under the 1 s floor, and skips the second step of a clearly slower backend', async () => {
    const { probe, log, now } = fakeProbe({ node: { warmup: 8, step: 2 }, wasm: { warmup: 900, step: 7 }, cpu: { warmup: 30, step: 6 } });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report.timings?.find((t) => t.name === 'wasm')).toEqual({ name: 'wasm', msPerStep: 7, warmupMs: 900 });
    // 7 > 3 × 2: one timed step says enough.
    expect(log.filter((l) => l === 'step wasm')).toHaveLength(2);
    expect(report.backend).toBe('node');
  });

  it('keeps the first usable rung when the model fails on every backend, so training reports the error', async () => {
    const { probe, now } = fakeProbe({ node: 'throws', wasm: 'throws', cpu: 'throws' });
    const report = await selectBackend('auto', threeRungs, probe, await options(now));
    expect(report).toMatchObject({ backend: 'node', chosenBy: 'ladder', timings: [] });
    expect(report.reason).toMatch(/^first that works \(timing the model failed on every backend\)/);
    expect(report.skipped.map((s) => s.name)).toEqual(['node-gpu', 'webgpu', 'node', 'wasm', 'cpu']);
  });

  it('without a model keeps the ladder order and says nothing was measured', async () => {
    const report = await selectBackend('auto', threeRungs);
    expect(report).toEqual({ backend: 'node', requested: 'auto', tfBackend: 'tensorflow', reason: expect.stringMatching(/; the first that works \(no model measured\)$/), skipped: expect.any(Array) });
  });
});

describe('timeBackend', () => {
  it('keeps timing a GPU backend whose first step compiles shaders for seconds, not a CPU one', async () => {
    const costs: Costs = { webgpu: { warmup: 3000, step: 2 }, cpu: { warmup: 3000, step: 2 } };
    const gpu = fakeProbe(costs);
    expect(await timeBackend('webgpu', gpu.probe, 5, gpu.now)).toEqual({ ok: true, timing: { name: 'webgpu', msPerStep: 2, warmupMs: 3000 } });
    const cpu = fakeProbe(costs);
    expect(await timeBackend('cpu', cpu.probe, 5, cpu.now)).toEqual({ ok: true, timing: { name: 'cpu', msPerStep: null, warmupMs: 3000 } });
    expect(cpu.log).toEqual(['prepare cpu', 'step cpu', 'dispose cpu']);
  });

  it('with nothing timed yet, always times the steps after the warm-up', async () => {
    const { probe, log, now } = fakeProbe({ cpu: { warmup: 60_000, step: 9000 } });
    expect(await timeBackend('cpu', probe, null, now)).toEqual({ ok: true, timing: { name: 'cpu', msPerStep: 9000, warmupMs: 60_000 } });
    expect(log.filter((l) => l === 'step cpu')).toHaveLength(3);
  });
});

describe('the environment that keys the cache', () => {
  it('names each TF.js package by its installed version, or as not installed, and this Node', async () => {
    const core = JSON.parse(await readFile(path.join(process.cwd(), 'node_modules/@tensorflow/tfjs-core/package.json'), 'utf8')).version;
    expect(installedVersion('@tensorflow/tfjs-core')).toBe(core);
    expect(installedVersion('@tensorflow/tfjs-node')).toBe('not installed');
    const env = await describeEnvironment(threeRungs);
    expect(env).toMatchObject({ '@tensorflow/tfjs-core': core, '@tensorflow/tfjs-node-gpu': 'not installed', node: process.version, platform: process.platform, arch: process.arch });
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['cpu', 'cpus', 'gpu', 'saliency-studio', ...TIMED_PACKAGES]));
  });
});

describe('timing cache', () => {
  it('keys on every environment and shape value, not on the order they are listed in', () => {
    const shape = { cell: 'lstm', hidden: 5, window: 100, batchSize: 50 };
    const key = timingKey(ENV, shape);
    expect(timingKey({ ...ENV }, { batchSize: 50, window: 100, hidden: 5, cell: 'lstm' })).toBe(key);
    expect(timingKey(ENV, { ...shape, hidden: 6 })).not.toBe(key);
    expect(timingKey(ENV, { ...shape, batchSize: 32 })).not.toBe(key);
    expect(timingKey({ ...ENV, '@tensorflow/tfjs-core': '4.23.0' }, shape)).not.toBe(key);
    expect(timingKey({ ...ENV, gpu: 'nvidia hopper, NVIDIA H200' }, shape)).not.toBe(key);
  });

  it('lives in SALIENCY_STUDIO_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache', () => {
    expect(timingCacheFile({ SALIENCY_STUDIO_CACHE_DIR: '/tmp/c', XDG_CACHE_HOME: '/x' })).toBe(path.join('/tmp/c', 'backend-timings.json'));
    expect(timingCacheFile({ XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'saliency-studio', 'backend-timings.json'));
    expect(timingCacheFile({})).toMatch(/[/\\]\.cache[/\\]saliency-studio[/\\]backend-timings\.json$/);
  });

  it('still measures, and chooses, when the cache folder cannot be written', async () => {
    const { probe, now } = fakeProbe({ wasm: { warmup: 3, step: 0.5 } });
    const blocker = path.join(await tempDir(), 'a-file');
    await writeFile(blocker, '');
    const report = await selectBackend('auto', threeRungs, probe, { now, environment: async () => ENV, cacheFile: path.join(blocker, 'backend-timings.json') });
    expect(report).toMatchObject({ backend: 'wasm', chosenBy: 'measured' });
  });
});
