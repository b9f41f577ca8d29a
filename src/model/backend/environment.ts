import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recurrenceWasmDigest } from '../fused-wasm/module.js';
import { defaultThreadCount } from '../fused-wasm/threads.js';
import type { PackageLoader } from './types.js';
import { DAWN_PACKAGE, describeAdapter, noGpuDeviceReason, probeWebGpuAdapter } from './webgpu.js';

const require = createRequire(import.meta.url);

/** The packages whose versions change how fast a step runs: TF.js, each backend, Dawn. */
export const TIMED_PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  DAWN_PACKAGE,
] as const;

/**
 * What a backend's speed depends on besides the model: this machine (CPU model and count, OS,
 * architecture, GPU) and the software (Node, this app, each TF.js package, or "not installed").
 * A timing measured under one description says nothing about another, so it keys the cache.
 */
export async function describeEnvironment(load: PackageLoader): Promise<Record<string, string>> {
  const cpus = os.cpus();
  const versions = Object.fromEntries(TIMED_PACKAGES.map((name) => [name, installedVersion(name)]));
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: String(cpus.length),
    platform: process.platform,
    arch: process.arch,
    gpu: await describeGpu(load),
    node: process.version,
    'saliency-studio': appVersion(),
    // The CPU sweeps' own binary and threads: both move the cpu and wasm backends' times.
    'recurrence.wasm': recurrenceWasmDigest(),
    'sweep threads': String(defaultThreadCount()),
    ...versions,
  };
}

/**
 * The WebGPU adapter when Dawn can see one (its own words), else why not. Probed only where
 * the webgpu rung would probe it too (noGpuDeviceReason), so no extra native start-up.
 */
async function describeGpu(load: PackageLoader): Promise<string> {
  const none = noGpuDeviceReason();
  if (none) return 'none (no GPU device node)';
  const probe = await probeWebGpuAdapter(load);
  return probe.ok ? describeAdapter(probe.adapter) : `none (${probe.why})`;
}

/** A package's version from its package.json, found without loading it (a native one may not load). */
export function installedVersion(name: string): string {
  try {
    return readVersion(require.resolve(`${name}/package.json`), name) ?? 'unknown';
  } catch {
    // Packages whose "exports" hide package.json: walk up from their entry point.
  }
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return 'not installed';
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const version = readVersion(path.join(dir, 'package.json'), name);
    if (version) return version;
  }
  return 'unknown';
}

/** This app's version: its kernels (fused wasm, WGSL) change between releases, and with them the fastest backend. */
function appVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const version = readVersion(path.join(dir, 'package.json'), 'saliency-studio');
    if (version) return version;
  }
  return 'unknown';
}

function readVersion(file: string, name: string): string | null {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return json.name === name && typeof json.version === 'string' ? json.version : null;
  } catch {
    return null;
  }
}
