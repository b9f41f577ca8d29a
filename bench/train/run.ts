// `npm run bench:train [-- --backends wasm,cpu --kernels fused,ops --repeat 5 --warmup 2]` (after `npm run build`).
// Milliseconds per training step (forward, backward, Adam) at batch 32, T 100, N 100, hidden 64,
// for LSTM and LSTM with input-cell attention: PyTorch (bench/train/reference.py, 1 thread)
// and then each TF.js backend in its own process; prints a table and writes bench/out/train.json.
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
/** One thread everywhere, so the comparison is per core (TF.js cpu and wasm under Node have one anyway). */
const ONE_THREAD = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1' };

/** The last line of a child's stdout as JSON, or the reason it failed. */
function runJson<T>(cmd: string, args: string[]): { ok: true; value: T } | { ok: false; why: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...ONE_THREAD }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
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
      backends: { type: 'string', default: 'node-gpu,node,wasm,cpu' },
      models: { type: 'string', default: 'lstm,lstm-attention' },
      kernels: { type: 'string', default: 'fused,ops' },
      warmup: { type: 'string', default: '2' },
      repeat: { type: 'string', default: '5' },
      'torch-repeat': { type: 'string', default: '20' },
      python: { type: 'string', default: '/usr/bin/python3' },
    },
  });
  process.stderr.write('PyTorch reference…\n');
  const torchRun = runJson<TorchReport>(values.python, [REFERENCE, '--warmup', '3', '--repeat', values['torch-repeat'], '--threads', '1']);
  if (!torchRun.ok) process.stderr.write(`PyTorch reference not available: ${torchRun.why}\n`);
  const torch = torchRun.ok ? torchRun.value : null;

  const backends: BackendResult[] = [];
  for (const backend of values.backends.split(',')) {
    for (const kernels of values.kernels.split(',')) {
      process.stderr.write(`TF.js ${backend} (${kernels})…\n`);
      const r = runJson<BackendResult>(process.execPath, [WORKER, backend, values.models, values.warmup, values.repeat, kernels]);
      backends.push(r.ok ? r.value : { backend, kernels, available: false, why: r.why });
      if (!r.ok || !r.value.available) break;
    }
  }

  const machine = {
    cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, tfjs: versionOf('@tensorflow/tfjs-core'),
    torch: torch && { version: torch.torch, python: torch.python, threads: torch.threads, blas: torch.blas },
    threads: 'PyTorch torch.set_num_threads(1) + OPENBLAS/OMP_NUM_THREADS=1; TF.js cpu and wasm single-threaded under Node; TF_NUM_INTRAOP/INTEROP_THREADS=1 for tfjs-node',
  };
  const table = formatTable(torch, backends);
  for (const b of backends) if (b.available) process.stdout.write(`${b.report}\n`);
  process.stdout.write(`\n${table}`);
  process.stdout.write(`\n${JSON.stringify(machine)}\n`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'train.json'), JSON.stringify({ date: new Date().toISOString(), settings: values, machine, torch, backends }, null, 2) + '\n');
}

main();
