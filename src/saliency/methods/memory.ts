import os from 'node:os';
import type { ModelConfig } from '../../model/types.js';
import type { RunControl } from '../types.js';
import { badOption } from './errors.js';

/** What of a model sets the memory of its rows. */
export type RowModel = Pick<ModelConfig, 'hidden' | 'attention' | 'variant' | 'attentionDim' | 'hops'>;

/** What a model is assumed to be when the caller does not say: the app's LSTM with input-cell attention, as the official code sizes it. */
const ASSUMED: RowModel = { hidden: 5, attention: 'input-cell', variant: 'mean', attentionDim: 50, hops: 20 };

/** The most a pass may hold: a quarter of this machine's memory, and never more than 1 GiB. */
export function defaultPassBytes(): number {
  return Math.min(2 ** 30, Math.floor(os.totalmem() / 4));
}

/**
 * Estimated peak bytes of one model row (time × features) in a gradient pass: its input, the
 * row filled for it, its gradient, and the model's activations kept for the backward pass. The
 * float counts per time step are the tensor peaks measured with tf.profile on the cpu backend
 * (about 6.6·N for the input side, 12·H for the cell, 6·N + 7·d_a + 6·r for the attention and
 * another 4.8·r·N for its `matrix` variant), rounded up 1.5–2× for the fused kernels' scratch,
 * which tf.memory does not see (up to 22·H per step at hidden 256). Costs per pass rather than
 * per row (weights) are left out: small next to the bound.
 */
export function gradientRowBytes(time: number, features: number, model: RowModel = ASSUMED): number {
  const attention = model.attention === 'input-cell' ? 10 * features + 10 * model.attentionDim + 10 * model.hops + (model.variant === 'matrix' ? 8 * model.hops * features : 0) : 0;
  return 4 * time * (10 * features + 24 * model.hidden + attention);
}

/**
 * Rows per pass: `control.batchSize`, fewer when that many rows would need more than
 * `control.passBytes` (default defaultPassBytes()). Batching changes memory, never results, so
 * this only bounds the memory of any number of IG steps, noisy copies or masked copies, which
 * all stream through passes of this many rows. One row that alone exceeds the bound is refused.
 */
export function rowsPerPass(control: RunControl, time: number, features: number): number {
  const rowBytes = control.rowBytes ?? gradientRowBytes(time, features);
  const bound = control.passBytes ?? defaultPassBytes();
  const fits = Math.floor(bound / rowBytes);
  if (fits < 1) {
    badOption('SALIENCY_MEMORY', 'row size', `${time} × ${features}`, `rows that fit the ${formatBytes(bound)} one pass may use (one needs about ${formatBytes(rowBytes)})`);
  }
  return Math.min(control.batchSize, fits);
}

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) (value /= 1024), unit++;
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
