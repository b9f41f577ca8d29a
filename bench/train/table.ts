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
  | { backend: string; kernels: string; available: false; why: string }
  | { backend: string; kernels: string; available: true; tfBackend: string; report: string; results: Record<string, StepTimes & { leakedTensors: number }> };

const ms = (t: StepTimes) => `${t.medianMs.toFixed(0)} ms`;
const ratio = (ours: StepTimes, ref: StepTimes | undefined) => (ref ? `${(ours.medianMs / ref.medianMs).toFixed(1)}×` : 'n/a');

/**
 * The Markdown table: one row per model and implementation, with ratios of each TF.js time to
 * PyTorch's. Attention rows are compared with both PyTorch versions: the official O(T²) cell,
 * and the O(T) prefix-sum computation that our model uses.
 */
export function formatTable(torch: TorchReport | null, backends: BackendResult[]): string {
  const rows: string[] = [
    '| model | implementation | ms / step (median) | fastest step | × PyTorch |',
    '|---|---|---|---|---|',
  ];
  const t = torch?.results;
  const row = (model: string, impl: string, s: StepTimes, vs: string) =>
    rows.push(`| ${model} | ${impl} | ${ms(s)} | ${s.minMs.toFixed(0)} ms | ${vs} |`);
  const available = backends.filter((b): b is Extract<BackendResult, { available: true }> => b.available);

  if (t?.lstm) row('LSTM', 'PyTorch `nn.LSTM`', t.lstm, '1 (reference)');
  for (const b of available) if (b.results.lstm) row('LSTM', `TF.js ${b.backend}, ${b.kernels}`, b.results.lstm, ratio(b.results.lstm, t?.lstm));
  if (t?.['attention-quadratic']) row('LSTM + input-cell attention', 'PyTorch, official O(T²) cell', t['attention-quadratic'], '1 (reference)');
  if (t?.['attention-prefix']) row('LSTM + input-cell attention', 'PyTorch, O(T) prefix sums', t['attention-prefix'], '1 (reference)');
  for (const b of available) {
    const r = b.results['lstm-attention'];
    if (r) row('LSTM + input-cell attention', `TF.js ${b.backend}, ${b.kernels} (O(T))`, r, `${ratio(r, t?.['attention-quadratic'])} official / ${ratio(r, t?.['attention-prefix'])} O(T)`);
  }
  const skipped = backends.filter((b): b is Extract<BackendResult, { available: false }> => !b.available);
  return [...rows, '', ...skipped.map((b) => `Not measured: ${b.backend}, ${b.kernels} (${b.why}).`)].join('\n') + '\n';
}
