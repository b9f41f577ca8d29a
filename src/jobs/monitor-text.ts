import type { Monitor } from './early-stopping.js';
import type { TrainSummary } from './types.js';

/** How the best epoch was chosen, in words: "lowest validation loss" or "highest validation accuracy". */
export function bestByText(monitor: Monitor): string {
  return monitor === 'val_loss' ? 'lowest validation loss' : 'highest validation accuracy';
}

/**
 * Why training stopped before its last epoch, in words: its patience ran out ("no lower
 * validation loss for 10 epochs") or its training accuracy reached the target. A summary
 * without `stopReason` (written before it was recorded) could only stop on patience, in epochs.
 */
export function stoppedEarlyText(s: Pick<TrainSummary, 'monitor' | 'epochs' | 'bestEpoch' | 'stopReason'>): string {
  const reason = s.stopReason ?? { kind: 'patience', without: s.epochs - s.bestEpoch, unit: 'epoch' };
  if (reason.kind === 'train-accuracy') return `stopped early (training accuracy reached ${(100 * reason.target).toFixed(0)} %)`;
  const better = s.monitor === 'val_loss' ? 'lower validation loss' : 'higher validation accuracy';
  return `stopped early (no ${better} for ${reason.without} ${reason.unit}${reason.without === 1 ? '' : 's'})`;
}
