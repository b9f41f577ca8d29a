import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendError, formatBackendReport, importPackage, selectBackend, type LoadResult, type PackageLoader } from '../../../src/model/backend/index.js';
import { describeAdapter, noGpuDeviceReason, softwareAdapterName } from '../../../src/model/backend/webgpu.js';
import { noAdapterReason, SWIFTSHADER_ICD } from './webgpu-env.js';

// Before any describe: the probe installs Dawn's navigator.gpu in this thread, as selectBackend would.
const why = await noAdapterReason();
const skip = why ? ` (skipped: no WebGPU adapter: ${why})` : '';
const swiftShader = process.env.VK_ICD_FILENAMES?.includes('swiftshader') ?? false;
// The faked-package cases below go through Dawn's loader only with a Vulkan driver named (see noGpuDeviceReason).
process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;

/** The real packages, except the ones faked here. */
function fakeLoader(fakes: Record<string, () => LoadResult>): PackageLoader {
  return async (name) => (fakes[name] ? fakes[name]() : importPackage(name));
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the webgpu rung on this machine (Dawn, SwiftShader)', () => {
  it.skipIf(!swiftShader || why !== null)(`asked for by name, runs on the software adapter and says it is not a GPU${skip}`, async () => {
    const report = await selectBackend('webgpu');
    expect(report).toMatchObject({ backend: 'webgpu', tfBackend: 'webgpu', requested: 'webgpu', skipped: [] });
    expect(tf.getBackend()).toBe('webgpu');
    expect(report.reason).toBe('requested explicitly; WebGPU on a software adapter (SwiftShader), not a GPU (Dawn: google swiftshader, SwiftShader driver 5.0.0)');
    // It computes: (1 2; 3 4)² = (7 10; 15 22), read back asynchronously.
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    expect(Array.from(await tf.matMul(a, a).data())).toEqual([7, 10, 15, 22]);
  });

  it.skipIf(!swiftShader || why !== null)(`under auto, passes over the software adapter with that reason${skip}`, async () => {
    const report = await selectBackend('auto');
    expect(report.backend).toBe('wasm');
    expect(report.skipped.find((s) => s.name === 'webgpu')).toEqual({ name: 'webgpu', why: 'software adapter (SwiftShader): not a GPU' });
    expect(report.skipped.map((s) => s.name)).toEqual(['node-gpu', 'webgpu', 'node']);
    expect(formatBackendReport(report)).toContain('; webgpu: software adapter (SwiftShader): not a GPU; node: ');
  });
});

describe('the webgpu rung with faked packages', () => {
  it('a missing Dawn package is an ordinary fall-back under auto, with its reason', async () => {
    const report = await selectBackend('auto', fakeLoader({ webgpu: () => ({ status: 'missing' }) }));
    expect(report.backend).toBe('wasm');
    expect(report.skipped[1]).toEqual({ name: 'webgpu', why: 'webgpu (Dawn for Node) is not installed (optional)' });
  });

  it('asked for by name, a Dawn package that fails to load is a BackendError with its message', async () => {
    const err = await selectBackend('webgpu', fakeLoader({ webgpu: () => ({ status: 'failed', message: 'libvulkan.so.1: cannot open shared object file' }) })).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.code).toBe('BACKEND_UNAVAILABLE');
    expect(err.message).toContain('webgpu (Dawn for Node) is installed but failed to load: libvulkan.so.1: cannot open shared object file');
  });
});

describe('telling a software adapter from a GPU', () => {
  const adapter = (over: Partial<Parameters<typeof softwareAdapterName>[0]>) => ({ vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false, ...over });

  it.each([
    [{ vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' }, 'SwiftShader'],
    [{ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, 'llvmpipe'],
    [{ vendor: 'unknown', isFallbackAdapter: true }, 'a fallback adapter'],
    [{ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }, null],
  ])('%j is %s', (fields, expected) => {
    expect(softwareAdapterName(adapter(fields))).toBe(expected);
  });

  it('a real adapter is described by its vendor, architecture and description', () => {
    expect(describeAdapter(adapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }))).toBe('nvidia hopper, NVIDIA H200');
  });
});

describe('when auto does not probe Dawn at all', () => {
  it('on Linux with no GPU device node and no VK_ICD_FILENAMES: passed over with that reason', () => {
    expect(noGpuDeviceReason('linux', {}, () => [])).toMatch(/^no GPU device on this machine \(no \/dev\/dri\/renderD\*, no \/dev\/nvidia\*/);
  });

  it.each([
    ['a render node', 'linux', {}, ['/dev/dri/renderD128']],
    ['VK_ICD_FILENAMES set', 'linux', { VK_ICD_FILENAMES: '/x.json' }, []],
    ['not Linux', 'darwin', {}, []],
  ] as const)('probes with %s', (_, platform, env, nodes) => {
    expect(noGpuDeviceReason(platform, env, () => [...nodes])).toBeNull();
  });
});
