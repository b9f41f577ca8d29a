import type { StepTimes } from './setup.js';

/** What reference.py prints. */
export interface TorchReport {
  torch: string;
  python: string;
  threads: number;
  blas: string;
  results: Record<'lstm' | 'attention-quadratic' | 'attention-prefix', StepTimes>;
}

/** What worker.js prints for one backend. */
export type BackendResult =
  | { backend: string; kernels: string; threads: number; available: false; why: string }
  | { backend: string; kernels: string; threads: number; available: true; tfBackend: string; report: string; results: Record<string, StepTimes & { leakedTensors: number }> };

/** How each kernels argument of worker.js reads in the table. */
const KERNELS: Record<string, string> = {
  simd: 'fused, recurrence.wasm SIMD',
  js: 'fused, JavaScript sweeps',
  fused: 'fused WGSL',
  ops: 'ops',
};

const ms = (t: StepTimes) => `${t.medianMs.toFixed(0)} ms`;
const ratio = (ours: StepTimes, ref: StepTimes | undefined) => (ref ? `${(ours.medianMs / ref.medianMs).toFixed(1)}×` : 'n/a');

/**
 * The Markdown table: per thread count, one row per model and implementation, with ratios of
 * each TF.js time to PyTorch's at the same thread count. Attention rows are compared with both
 * PyTorch versions: the official O(T²) cell, and the O(T) prefix-sum computation our model uses.
 * `software`: backends whose adapter is no GPU (SwiftShader), so their rows say so.
 */
export function formatTable(torchByThreads: Map<number, TorchReport>, backends: BackendResult[]): string {
  const rows: string[] = [
    '| threads | model | implementation | ms / step (median) | fastest step | × PyTorch |',
    '|---|---|---|---|---|---|',
  ];
  const available = backends.filter((b): b is Extract<BackendResult, { available: true }> => b.available);
  const counts = [...new Set([...torchByThreads.keys(), ...available.map((b) => b.threads)])].sort((a, b) => a - b);
  const label = (b: Extract<BackendResult, { available: true }>) => `TF.js ${b.backend}, ${KERNELS[b.kernels] ?? b.kernels}${/software adapter/.test(b.report) ? ' (software adapter: not a GPU)' : ''}`;
  for (const n of counts) {
    const t = torchByThreads.get(n)?.results;
    const row = (model: string, impl: string, s: StepTimes, vs: string) =>
      rows.push(`| ${n} | ${model} | ${impl} | ${ms(s)} | ${s.minMs.toFixed(0)} ms | ${vs} |`);
    const here = available.filter((b) => b.threads === n);
    if (t?.lstm) row('LSTM', 'PyTorch `nn.LSTM`', t.lstm, '1 (reference)');
    for (const b of here) if (b.results.lstm) row('LSTM', label(b), b.results.lstm, ratio(b.results.lstm, t?.lstm));
    if (t?.['attention-quadratic']) row('LSTM + input-cell attention', 'PyTorch, official O(T²) cell', t['attention-quadratic'], '1 (reference)');
    if (t?.['attention-prefix']) row('LSTM + input-cell attention', 'PyTorch, O(T) prefix sums', t['attention-prefix'], '1 (reference)');
    for (const b of here) {
      const r = b.results['lstm-attention'];
      if (r) row('LSTM + input-cell attention', `${label(b)} (O(T))`, r, `${ratio(r, t?.['attention-quadratic'])} official / ${ratio(r, t?.['attention-prefix'])} O(T)`);
    }
  }
  const skipped = backends.filter((b): b is Extract<BackendResult, { available: false }> => !b.available);
  return [...rows, '', ...skipped.map((b) => `Not measured: ${b.backend}, ${b.kernels} (${b.why}).`)].join('\n') + '\n';
}
