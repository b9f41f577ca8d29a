import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { activateBackend } from './activate.js';
import { BackendError } from './errors.js';
import { registerGradients } from './gradients.js';
import { importPackage } from './loader.js';
import { describeAdapter, noGpuDeviceReason, probeWebGpuAdapter } from './webgpu.js';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type BackendReport, type PackageLoader } from './types.js';

/** The npm package behind each backend. */
export const BACKEND_PACKAGES: Record<BackendName, string> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  node: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

type Attempt = { ok: true; tfBackend: string; reason: string } | { ok: false; why: string };

interface Ladder {
  load: PackageLoader;
  /** Asked for by name: a software WebGPU adapter is then used (and said so), not passed over. */
  explicit: boolean;
  /** Set when tfjs-node-gpu loaded without a CUDA device: its TensorFlow still runs on the CPU. */
  tensorflowCpuFrom?: string;
}

/**
 * Activates a TF.js backend: the one asked for, or with `auto` the fastest that works
 * (node-gpu → webgpu → node → wasm → cpu), and reports why each faster one was passed over.
 * A backend asked for by name that cannot be used is a BackendError saying why. Also
 * registers TF.js's gradients (see registerGradients), so what follows can train.
 */
export async function selectBackend(choice: BackendChoice = 'auto', load: PackageLoader = importPackage): Promise<BackendReport> {
  await registerGradients();
  const ladder: Ladder = { load, explicit: choice !== 'auto' };
  const candidates = choice === 'auto' ? BACKEND_NAMES : [choice];
  const skipped: BackendReport['skipped'] = [];
  for (const name of candidates) {
    const attempt = await ATTEMPTS[name](ladder);
    if (attempt.ok) {
      // TF.js's own console advice ("install tfjs-node") would duplicate the report; silence it.
      tf.enableProdMode();
      const reason = choice === 'auto' ? attempt.reason : `requested explicitly; ${attempt.reason}`;
      return { backend: name, requested: choice, tfBackend: attempt.tfBackend, reason, skipped };
    }
    if (choice !== 'auto') {
      throw new BackendError('BACKEND_UNAVAILABLE', BACKEND_PACKAGES[name], `backend ${name}`, attempt.why, 'an installed backend that loads (or --backend auto)');
    }
    skipped.push({ name, why: attempt.why });
  }
  throw new BackendError('BACKEND_NONE', BACKEND_PACKAGES.cpu, 'backend', 'none usable', 'at least the pure-JS cpu backend');
}

/** "not installed …" or "failed to load: …" for a package that did not load. */
async function loadPackage(ladder: Ladder, name: BackendName, hint: string): Promise<Attempt | null> {
  const pkg = BACKEND_PACKAGES[name];
  const result = await ladder.load(pkg);
  if (result.status === 'missing') return { ok: false, why: `${pkg} is not installed${hint}` };
  if (result.status === 'failed') return { ok: false, why: `${pkg} is installed but failed to load: ${result.message}` };
  return null;
}

const ATTEMPTS: Record<BackendName, (ladder: Ladder) => Promise<Attempt>> = {
  async 'node-gpu'(ladder) {
    const pkg = BACKEND_PACKAGES['node-gpu'];
    const failed = await loadPackage(ladder, 'node-gpu', ' (optional; needs an NVIDIA GPU with CUDA)');
    if (failed) return failed;
    const active = await activateBackend('tensorflow');
    if (!active.ok) return active;
    if (!(tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice) {
      ladder.tensorflowCpuFrom = pkg;
      return { ok: false, why: `${pkg} loaded, but TensorFlow found no CUDA device` };
    }
    return { ok: true, tfBackend: 'tensorflow', reason: `TensorFlow with CUDA (${pkg})` };
  },
  async webgpu(ladder) {
    const unprobed = ladder.explicit ? null : noGpuDeviceReason();
    if (unprobed) return { ok: false, why: unprobed };
    const probe = await probeWebGpuAdapter(ladder.load);
    if (!probe.ok) return probe;
    // Under auto a software rasteriser is no GPU: wasm or native TensorFlow beat it on the same CPU.
    if (probe.software && !ladder.explicit) return { ok: false, why: `software adapter (${probe.software}): not a GPU` };
    const failed = await loadPackage(ladder, 'webgpu', ' (optional)');
    if (failed) return failed;
    const active = await activateBackend('webgpu');
    if (!active.ok) return active;
    const reason = probe.software
      ? `WebGPU on a software adapter (${probe.software}), not a GPU (Dawn: ${describeAdapter(probe.adapter)})`
      : `WebGPU on ${describeAdapter(probe.adapter)} (Dawn)`;
    return { ok: true, tfBackend: 'webgpu', reason };
  },
  async node(ladder) {
    if (ladder.tensorflowCpuFrom) {
      // Loading tfjs-node beside tfjs-node-gpu would register a second "tensorflow" backend.
      return { ok: true, tfBackend: 'tensorflow', reason: `native TensorFlow on the CPU (the library of ${ladder.tensorflowCpuFrom}, which found no CUDA device)` };
    }
    const failed = await loadPackage(ladder, 'node', ' (optional)');
    if (failed) return failed;
    const active = await activateBackend('tensorflow');
    if (!active.ok) return active;
    return { ok: true, tfBackend: 'tensorflow', reason: `native TensorFlow on the CPU (${BACKEND_PACKAGES.node})` };
  },
  async wasm(ladder) {
    const failed = await loadPackage(ladder, 'wasm', '');
    if (failed) return failed;
    const active = await activateBackend('wasm');
    if (!active.ok) return active;
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    const threading = threads ? 'multi-threaded' : tf.env().getBool('IS_NODE') ? 'one thread: TF.js turns wasm threads off under Node' : 'one thread: no SharedArrayBuffer here';
    return { ok: true, tfBackend: 'wasm', reason: `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, ${threading})` };
  },
  async cpu() {
    const active = await activateBackend('cpu');
    if (!active.ok) return active;
    return { ok: true, tfBackend: 'cpu', reason: 'pure JavaScript (the slowest; always available)' };
  },
};

/** One line for people: the backend, why, and why each faster one was not used. */
export function formatBackendReport(report: BackendReport): string {
  const skipped = report.skipped.map((s) => `${s.name}: ${s.why}`).join('; ');
  return `backend ${report.backend}: ${report.reason}${skipped ? ` (not used: ${skipped})` : ''}`;
}
