import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { performance } from 'node:perf_hooks';
import { wasmSweepsUnavailable, wasmThreads } from '../fused-wasm/index.js';
import { activateBackend } from './activate.js';
import { BackendError } from './errors.js';
import { registerGradients } from './gradients.js';
import { describeEnvironment } from './environment.js';
import { importPackage } from './loader.js';
import { describeTimings, fastest, formatMs, timeBackend, type BackendProbe } from './probe.js';
import { readTimingEntry, timingCacheFile, timingKey, writeTimingEntry, type TimingEntry } from './timing-cache.js';
import { describeAdapter, noGpuDeviceReason, probeWebGpuAdapter } from './webgpu.js';
import { BACKEND_NAMES, type BackendChoice, type BackendName, type BackendReport, type BackendTiming, type PackageLoader } from './types.js';

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

/** What `auto` needs to measure besides the probe; each part replaceable in tests. */
export interface MeasureOptions {
  /** Milliseconds, for timing steps (default performance.now). */
  now?: () => number;
  /** The timing cache; null: neither read nor written (default timingCacheFile()). */
  cacheFile?: string | null;
  /** The machine and package description that keys the cache (default describeEnvironment). */
  environment?: (load: PackageLoader) => Promise<Record<string, string>>;
}

/**
 * Activates a TF.js backend: the one asked for, or with `auto` the fastest that works here.
 * Given a probe (the model about to be trained), `auto` times one real training step of it on
 * every usable backend and keeps the fastest, as which one wins depends on the model's size
 * (a tiny LSTM runs fastest in wasm, a wide one on a GPU); the timings are cached per machine,
 * model shape and package versions, so later runs start at once and choose alike. Without a
 * probe, `auto` takes the first that works of node-gpu → webgpu → node → wasm → cpu. The report
 * says why each faster one was passed over. A backend asked for by name that cannot be used is
 * a BackendError saying why. Also registers TF.js's gradients (see registerGradients), so what
 * follows can train.
 */
export async function selectBackend(choice: BackendChoice = 'auto', load: PackageLoader = importPackage, probe?: BackendProbe, options: MeasureOptions = {}): Promise<BackendReport> {
  await registerGradients();
  if (choice === 'auto' && probe) return selectMeasured(load, probe, options);
  const ladder: Ladder = { load, explicit: choice !== 'auto' };
  const candidates = choice === 'auto' ? BACKEND_NAMES : [choice];
  const skipped: BackendReport['skipped'] = [];
  for (const name of candidates) {
    const attempt = await ATTEMPTS[name](ladder);
    if (attempt.ok) {
      // TF.js's own console advice ("install tfjs-node") would duplicate the report; silence it.
      tf.enableProdMode();
      const reason = choice === 'auto' ? `${attempt.reason}; the first that works (no model measured)` : `requested explicitly; ${attempt.reason}`;
      // No chosenBy: the report has the shape it had before backends were measured (threads and stored runs check it).
      return { backend: name, requested: choice, tfBackend: attempt.tfBackend, reason, skipped };
    }
    if (choice !== 'auto') {
      throw new BackendError('BACKEND_UNAVAILABLE', BACKEND_PACKAGES[name], `backend ${name}`, attempt.why, 'an installed backend that loads (or --backend auto)');
    }
    skipped.push({ name, why: attempt.why });
  }
  throw noneUsable();
}

/** `auto` with a probe: the cached choice for this machine and model shape, else measured now. */
async function selectMeasured(load: PackageLoader, probe: BackendProbe, options: MeasureOptions): Promise<BackendReport> {
  const cacheFile = options.cacheFile === undefined ? timingCacheFile() : options.cacheFile;
  const environment = await (options.environment ?? describeEnvironment)(load);
  const key = timingKey(environment, probe.shape);
  const cached = cacheFile ? await readTimingEntry(cacheFile, key) : null;
  if (cached) {
    const report = await activateCached(load, cached);
    if (report) return report;
  }
  const measured = await measureLadder(load, probe, options.now ?? (() => performance.now()));
  if (cacheFile && measured.chosenBy === 'measured') {
    const entry: TimingEntry = { measuredAt: new Date().toISOString(), backend: measured.backend, timings: measured.timings ?? [], skipped: measured.skipped, environment, shape: probe.shape };
    // Without a writable cache folder every run measures again: slower to start, never wrong.
    await writeTimingEntry(cacheFile, key, entry).catch(() => undefined);
  }
  return measured;
}

/**
 * Activates every usable rung in turn, timing the probe on each, then the fastest again. When
 * the probe failed everywhere (a model no backend can build), the first usable rung is kept, so
 * training itself reports that error.
 */
async function measureLadder(load: PackageLoader, probe: BackendProbe, now: () => number): Promise<BackendReport> {
  const ladder: Ladder = { load, explicit: false };
  const skipped: BackendReport['skipped'] = [];
  const timings: BackendTiming[] = [];
  const usable = new Map<BackendName, { tfBackend: string; reason: string }>();
  // Measured as training will run: without TF.js's debug checks.
  tf.enableProdMode();
  for (const name of BACKEND_NAMES) {
    if (name === 'node' && usable.has('node-gpu')) {
      // Loading tfjs-node beside tfjs-node-gpu would register a second "tensorflow" backend.
      skipped.push({ name, why: `${BACKEND_PACKAGES['node-gpu']} provides TensorFlow here already (on the GPU); ${BACKEND_PACKAGES.node} is not loaded beside it` });
      continue;
    }
    const attempt = await ATTEMPTS[name](ladder);
    if (!attempt.ok) {
      skipped.push({ name, why: attempt.why });
      continue;
    }
    usable.set(name, attempt);
    const outcome = await timeBackend(name, probe, fastest(timings)?.msPerStep ?? null, now);
    if (outcome.ok) timings.push(outcome.timing);
    else skipped.push({ name, why: `works, but failed while timing one training step of the model: ${outcome.why}` });
  }
  const best = fastest(timings);
  const name = best?.name ?? usable.keys().next().value;
  if (name === undefined) throw noneUsable();
  const chosen = usable.get(name)!;
  const active = await activateBackend(chosen.tfBackend);
  if (!active.ok) throw new BackendError('BACKEND_UNAVAILABLE', BACKEND_PACKAGES[name], `backend ${name}`, `measured, then ${active.why}`, 'a backend that activates again after timing');
  if (!best) {
    return { backend: name, requested: 'auto', tfBackend: chosen.tfBackend, reason: `first that works (timing the model failed on every backend); ${chosen.reason}`, skipped, chosenBy: 'ladder', timings };
  }
  return { backend: name, requested: 'auto', tfBackend: chosen.tfBackend, reason: `fastest measured: ${describeTimings(timings, name)}; ${chosen.reason}`, skipped, chosenBy: 'measured', timings };
}

/**
 * Activates the cached winner without timing anything; null when it no longer activates (or a
 * faster rung now would, for node after node-gpu), so the caller measures afresh.
 */
async function activateCached(load: PackageLoader, entry: TimingEntry): Promise<BackendReport | null> {
  const ladder: Ladder = { load, explicit: false };
  if (entry.backend === 'node' && !entry.skipped.some((s) => s.name === 'node-gpu' && /not installed/.test(s.why))) {
    // node may have run on tfjs-node-gpu's TensorFlow (no CUDA device): that rung sets it up.
    const gpu = await ATTEMPTS['node-gpu'](ladder);
    if (gpu.ok) return null;
  }
  const attempt = await ATTEMPTS[entry.backend](ladder);
  if (!attempt.ok) return null;
  tf.enableProdMode();
  return {
    backend: entry.backend, requested: 'auto', tfBackend: attempt.tfBackend,
    reason: `cached measurement from ${entry.measuredAt}: ${describeTimings(entry.timings, entry.backend)}; ${attempt.reason}`,
    skipped: entry.skipped, chosenBy: 'cached', timings: entry.timings, measuredAt: entry.measuredAt,
  };
}

function noneUsable(): BackendError {
  return new BackendError('BACKEND_NONE', BACKEND_PACKAGES.cpu, 'backend', 'none usable', 'at least the pure-JS cpu backend');
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
    return { ok: true, tfBackend: 'wasm', reason: `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, ${threading}); ${describeSweeps()}` };
  },
  async cpu() {
    const active = await activateBackend('cpu');
    if (!active.ok) return active;
    return { ok: true, tfBackend: 'cpu', reason: `pure JavaScript (always available); ${describeSweeps()}` };
  },
};

/** Where the recurrence runs under cpu and wasm: recurrence.wasm on its threads, or the JS sweeps and why. */
function describeSweeps(): string {
  const unavailable = wasmSweepsUnavailable();
  if (unavailable) return `the recurrence in JavaScript (${unavailable})`;
  const n = wasmThreads()?.count ?? 1;
  return `the recurrence in recurrence.wasm (SIMD) on ${n} thread${n === 1 ? '' : 's'}`;
}

/**
 * For people: the backend, why, and why each faster one was not used, then (when `auto`
 * measured) one line per backend timed, so the choice can be checked against the numbers.
 */
export function formatBackendReport(report: BackendReport): string {
  const skipped = report.skipped.map((s) => `${s.name}: ${s.why}`).join('; ');
  const head = `backend ${report.backend}: ${report.reason}${skipped ? ` (not used: ${skipped})` : ''}`;
  const rows = (report.timings ?? []).map((t) => `  ${t.name.padEnd(8)} ${t.msPerStep === null ? `stopped after a ${formatMs(t.warmupMs)} ms warm-up` : `${formatMs(t.msPerStep)} ms/step (warm-up ${formatMs(t.warmupMs)} ms)`}${t.name === report.backend ? '  ← chosen' : ''}`);
  return rows.length > 0 ? [head, `${report.chosenBy === 'cached' ? 'cached timings' : 'timings'} of one training step:`, ...rows].join('\n') : head;
}
