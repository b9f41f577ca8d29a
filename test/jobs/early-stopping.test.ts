import { describe, expect, it } from 'vitest';
import { INITIAL_STOPPING, monitoredScore, updateStopping, type Monitor } from '../../src/jobs/early-stopping.js';

/** Feeds epochs' validation results through early stopping; returns the kept epoch and where it stopped. */
function run(monitor: Monitor, epochs: { loss: number; accuracy: number }[], patience: number) {
  let state = INITIAL_STOPPING;
  for (const [i, val] of epochs.entries()) {
    const update = updateStopping(state, i + 1, monitoredScore(monitor, val), patience);
    state = update.state;
    if (update.stop) return { best: state.bestEpoch, stoppedAt: i + 1 };
  }
  return { best: state.bestEpoch, stoppedAt: null };
}

const history = [
  { loss: 0.6, accuracy: 0.7 },
  { loss: 0.3, accuracy: 1 },
  { loss: 0.2, accuracy: 1 },
  { loss: 0.1, accuracy: 1 },
  { loss: 0.05, accuracy: 0.99 },
];

describe('early stopping', () => {
  it('on val_loss keeps the epoch of the lowest loss and never stops while it falls', () => {
    expect(run('val_loss', history, 2)).toEqual({ best: 5, stoppedAt: null });
  });

  it('on val_accuracy keeps the first epoch that reaches the best accuracy (as the official code does with test accuracy)', () => {
    // Epoch 2 reaches 100 %; epochs 3–4 only tie, epoch 5 is worse: 3 epochs without improvement.
    expect(run('val_accuracy', history, 3)).toEqual({ best: 2, stoppedAt: 5 });
  });

  it('never counts NaN as an improvement', () => {
    expect(run('val_loss', [{ loss: NaN, accuracy: 0 }, { loss: NaN, accuracy: 0 }], 2)).toEqual({ best: 0, stoppedAt: 2 });
  });
});
