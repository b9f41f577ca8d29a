import type { Monitor } from './early-stopping.js';

/** How the best epoch was chosen, in words: "lowest validation loss" or "highest validation accuracy". */
export function bestByText(monitor: Monitor): string {
  return monitor === 'val_loss' ? 'lowest validation loss' : 'highest validation accuracy';
}

/** Why training stopped before its last epoch: `epochs` epochs brought no better monitored score. */
export function stoppedEarlyText(monitor: Monitor, epochs: number): string {
  const better = monitor === 'val_loss' ? 'lower validation loss' : 'higher validation accuracy';
  return `stopped early (no ${better} for ${epochs} epoch${epochs === 1 ? '' : 's'})`;
}
