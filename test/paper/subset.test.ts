import { describe, expect, it } from 'vitest';
import { subsetSynth } from '../../src/paper/subset.js';
import { generateSynth } from '../../src/synth/index.js';

describe('subsetSynth', () => {
  it('keeps the first training and test samples with their own values and masks', () => {
    const full = generateSynth('three-middle', 4);
    const sub = subsetSynth(full, 5, 3);
    expect(sub.dataset.samples.map((s) => s.split)).toEqual(['train', 'train', 'train', 'train', 'train', 'test', 'test', 'test']);
    const cells = 100 * 100;
    // Test samples start at 1000 in the full dataset (1000 train, 300 test).
    const from = [0, 1, 2, 3, 4, 1000, 1001, 1002];
    from.forEach((s, k) => {
      expect(sub.dataset.data.subarray(k * cells, (k + 1) * cells)).toEqual(full.dataset.data.subarray(s * cells, (s + 1) * cells));
      expect(sub.mask.subarray(k * cells, (k + 1) * cells)).toEqual(full.mask.subarray(s * cells, (s + 1) * cells));
      expect(sub.info.sampleBoxSet[k]).toBe(full.info.sampleBoxSet[s]);
      expect(sub.dataset.samples[k]).toEqual(full.dataset.samples[s]);
    });
    expect([sub.info.train, sub.info.test]).toEqual([5, 3]);
  });
});
