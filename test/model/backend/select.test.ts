import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, formatBackendReport, importPackage, selectBackend, type LoadResult, type PackageLoader } from '../../../src/model/backend/index.js';
import { SWIFTSHADER_ICD } from './webgpu-env.js';

// With a Vulkan driver named, auto consults the (faked) Dawn package rather than passing the webgpu
// rung over unprobed for want of a GPU device node: the same reasons on every machine.
process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;

/** A loader that fakes the two native packages and loads everything else for real. */
function fakeLoader(fakes: Record<string, () => LoadResult>): PackageLoader {
  return async (name) => (fakes[name] ? fakes[name]() : importPackage(name));
}

/** Stands in for tfjs-node(-gpu): registers a "tensorflow" backend that reports its device. */
function registerFakeTensorflow(usingGpu: boolean): LoadResult {
  tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { isUsingGpuDevice: usingGpu }));
  return { status: 'loaded', module: {} };
}

afterEach(async () => {
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
  await tf.setBackend('cpu');
});

describe('backend ladder with the real packages of this machine', () => {
  it('picks wasm and reports both node packages as not installed', async () => {
    // Without the Dawn package the webgpu rung, between them, is passed over too (select-webgpu.test.ts tests it).
    const report = await selectBackend('auto', fakeLoader({ webgpu: () => ({ status: 'missing' }) }));
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.reason).toMatch(/WebAssembly \(SIMD, one thread/);
    expect(report.skipped).toEqual([
      { name: 'node-gpu', why: expect.stringMatching(/^@tensorflow\/tfjs-node-gpu is not installed/) },
      { name: 'webgpu', why: 'webgpu (Dawn for Node) is not installed (optional)' },
      { name: 'node', why: expect.stringMatching(/^@tensorflow\/tfjs-node is not installed/) },
    ]);
    expect(formatBackendReport(report)).toMatch(/^backend wasm: WebAssembly .*not used: node-gpu: @tensorflow\/tfjs-node-gpu is not installed.*; node: @tensorflow\/tfjs-node is not installed/);
  });

  it('fails with a specific error when node is forced but not installed', async () => {
    const err = await selectBackend('node').catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe('BACKEND_UNAVAILABLE');
    expect(err.message).toContain('@tensorflow/tfjs-node is not installed');
  });

  it('uses the pure-JS backend when cpu is forced', async () => {
    await selectBackend('wasm');
    const report = await selectBackend('cpu');
    expect(report).toMatchObject({ backend: 'cpu', tfBackend: 'cpu', requested: 'cpu', skipped: [] });
    expect(report.reason).toMatch(/^requested explicitly; pure JavaScript/);
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('backend ladder with faked native packages', () => {
  it('reports a package that is installed but fails to load, with its message, and falls back', async () => {
    const report = await selectBackend('auto', fakeLoader({
      '@tensorflow/tfjs-node-gpu': () => ({ status: 'missing' }),
      '@tensorflow/tfjs-node': () => ({ status: 'failed', message: 'libtensorflow.so.2: cannot open shared object file' }),
    }));
    expect(report.backend).toBe('wasm');
    expect(report.skipped[2]).toEqual({ name: 'node', why: '@tensorflow/tfjs-node is installed but failed to load: libtensorflow.so.2: cannot open shared object file' });
  });

  it('passes over node-gpu without a CUDA device and runs its TensorFlow on the CPU', async () => {
    const report = await selectBackend('auto', fakeLoader({
      '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(false),
      webgpu: () => ({ status: 'missing' }),
      '@tensorflow/tfjs-node': () => ({ status: 'missing' }),
    }));
    expect(report.skipped).toEqual([
      { name: 'node-gpu', why: '@tensorflow/tfjs-node-gpu loaded, but TensorFlow found no CUDA device' },
      { name: 'webgpu', why: 'webgpu (Dawn for Node) is not installed (optional)' },
    ]);
    expect(report).toMatchObject({ backend: 'node', tfBackend: 'tensorflow' });
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('picks node-gpu when it loads and finds a CUDA device', async () => {
    const report = await selectBackend('auto', fakeLoader({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(true) }));
    expect(report).toMatchObject({ backend: 'node-gpu', tfBackend: 'tensorflow', skipped: [] });
  });

  it('falls back to cpu when wasm is broken too, naming every reason', async () => {
    const report = await selectBackend('auto', fakeLoader({
      '@tensorflow/tfjs-node-gpu': () => ({ status: 'missing' }),
      webgpu: () => ({ status: 'missing' }),
      '@tensorflow/tfjs-node': () => ({ status: 'missing' }),
      '@tensorflow/tfjs-backend-wasm': () => ({ status: 'failed', message: 'bad wasm' }),
    }));
    expect(report.backend).toBe('cpu');
    expect(report.skipped.map((s) => s.name)).toEqual(['node-gpu', 'webgpu', 'node', 'wasm']);
    expect(report.skipped[3].why).toBe('@tensorflow/tfjs-backend-wasm is installed but failed to load: bad wasm');
  });

  it('fails a forced node-gpu without a CUDA device with that reason', async () => {
    const err = await selectBackend('node-gpu', fakeLoader({ '@tensorflow/tfjs-node-gpu': () => registerFakeTensorflow(false) })).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toContain('found no CUDA device');
  });
});
