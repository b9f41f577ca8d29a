import { describe, expect, it } from 'vitest';
import { diffSettings } from '../../src/util/settings-diff.js';

describe('diffSettings', () => {
  it('lists each differing leaf as `path: stored → asked`, in the asked order', () => {
    const stored = { model: { cell: 'lstm', attention: 'none', hidden: 5 }, training: { epochs: 2, learningRate: 0.001, monitor: 'val_loss' } };
    const asked = { model: { cell: 'lstm', attention: 'input-cell', hidden: 5 }, training: { epochs: 30, learningRate: 0.001, monitor: 'val_loss' } };
    expect(diffSettings(stored, asked)).toEqual(['model.attention: none → input-cell', 'training.epochs: 2 → 30']);
  });

  it('finds nothing in equal settings, whatever their key order', () => {
    expect(diffSettings({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('names keys on one side only, array elements by index, and arrays of other lengths whole', () => {
    expect(diffSettings({ seed: 0, old: true, gain: [0.8, 1.2] }, { seed: 0, added: 'yes', gain: [0.8, 1.5] }))
      .toEqual(['added: (none) → yes', 'gain[1]: 1.2 → 1.5', 'old: true → (none)']);
    expect(diffSettings({ subjects: ['01', '02'] }, { subjects: ['01', '02', '03'] })).toEqual(['subjects: [01, 02] → [01, 02, 03]']);
  });
});
