// `npm run bench:train [-- --backends wasm,cpu --kernels simd,js,ops --threads 1,2 --repeat 5 --warmup 2]`
// (after `npm run build`). Milliseconds per training step (forward, backward, Adam) at batch 32,
// T 100, N 100, hidden 64, for LSTM and LSTM with input-cell attention: PyTorch
// (bench/train/reference.py) at each thread count, then each TF.js backend and kernel kind in its
// own process (recurrence.wasm's SIMD sweeps at each thread count; the single-threaded kinds at
// 1); prints a table and writes bench/out/train.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OUT, ROOT } from '../parcellate/paths.js';
import { formatTable, type BackendResult, type TorchReport } from './table.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER = path.join(HERE, 'worker.js');
const REFERENCE = path.join(ROOT, 'bench', 'train', 'reference.py');
/** n threads for every library that reads these (OpenBLAS, OpenMP, MKL, native TensorFlow, our sweeps). */
function threadEnv(n: number): Record<string, string> {
  const v = String(n);
  return { OMP_NUM_THREADS: v, OPENBLAS_NUM_THREADS: v, MKL_NUM_THREADS: v, TF_NUM_INTRAOP_THREADS: v, TF_NUM_INTEROP_THREADS: v, SALIENCY_STUDIO_THREADS: v };
}

/** The last line of a child's stdout as JSON, or the reason it failed. */
function runJson<T>(cmd: string, args: string[], threads: number): { ok: true; value: T } | { ok: false; why: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...threadEnv(threads) }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  if (r.error) return { ok: false, why: r.error.message };
  if (r.status !== 0) {
    // Node ends a crash with its version line; the error itself is the last line naming one.
    const lines = r.stderr.trim().split('\n');
    const named = lines.filter((l) => /error/i.test(l)).pop();
    return { ok: false, why: (named ?? lines.pop() ?? `exit ${r.status}`).trim().slice(0, 300) };
  }
  return { ok: true, value: JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as T };
}

function versionOf(pkg: string): string {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'node-gpu,webgpu,node,wasm,cpu' },
      models: { type: 'string', default: 'lstm,lstm-attention' },
      kernels: { type: 'string', default: 'simd,js,ops' },
      threads: { type: 'string', default: '1,2' },
      warmup: { type: 'string', default: '2' },
      repeat: { type: 'string', default: '5' },
      // SwiftShader runs WebGPU on the CPU: seconds per step, so fewer of them.
      'webgpu-repeat': { type: 'string', default: '2' },
      'torch-repeat': { type: 'string', default: '20' },
      python: { type: 'string', default: '/usr/bin/python3' },
    },
  });
  const threadCounts = values.threads.split(',').map(Number);
  const torchByThreads = new Map<number, TorchReport>();
  for (const n of threadCounts) {
    process.stderr.write(`PyTorch reference, ${n} thread(s)…\n`);
    const torchRun = runJson<TorchReport>(values.python, [REFERENCE, '--warmup', '3', '--repeat', values['torch-repeat'], '--threads', String(n)], n);
    if (torchRun.ok) torchByThreads.set(n, torchRun.value);
    else process.stderr.write(`PyTorch reference not available: ${torchRun.why}\n`);
  }

  const backends: BackendResult[] = [];
  for (const backend of values.backends.split(',')) {
    // WebGPU has its own fused kernels (WGSL), not the CPU sweeps.
    const kernels = backend === 'webgpu' ? ['fused', 'ops'] : values.kernels.split(',');
    const repeat = backend === 'webgpu' ? values['webgpu-repeat'] : values.repeat;
    for (const k of kernels) {
      for (const n of k === 'simd' ? threadCounts : [1]) {
        process.stderr.write(`TF.js ${backend} (${k}, ${n} thread(s))…\n`);
        const r = runJson<BackendResult>(process.execPath, [WORKER, backend, values.models, values.warmup, repeat, k, String(n)], n);
        backends.push(r.ok ? r.value : { backend, kernels: k, threads: n, available: false, why: r.why });
        if (!r.ok || !r.value.available) break;
      }
      const last = backends[backends.length - 1];
      if (!last.available) break;
    }
  }

  const machine = {
    cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, tfjs: versionOf('@tensorflow/tfjs-core'),
    torch: [...torchByThreads.values()].map((t) => ({ version: t.torch, python: t.python, threads: t.threads, blas: t.blas })),
    threads: 'per row: PyTorch torch.set_num_threads(n) + OPENBLAS/OMP_NUM_THREADS=n; recurrence.wasm on n threads; TF.js cpu and wasm kernels single-threaded under Node; TF_NUM_INTRAOP/INTEROP_THREADS=n for tfjs-node',
  };
  const table = formatTable(torchByThreads, backends);
  for (const b of backends) if (b.available) process.stdout.write(`${b.report}\n`);
  process.stdout.write(`\n${table}`);
  process.stdout.write(`\n${JSON.stringify(machine)}\n`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'train.json'), JSON.stringify({ date: new Date().toISOString(), settings: values, machine, torch: Object.fromEntries(torchByThreads), backends }, null, 2) + '\n');
}

main();
