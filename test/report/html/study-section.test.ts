import { describe, expect, it } from 'vitest';
import { listSome } from '../../../src/report/html/sections/study.js';

describe('the study section', () => {
  it('lists every subject when there are few, and the first ones and a count when there are many', () => {
    expect(listSome(['01', '02'], 12)).toBe('2: 01, 02');
    const synthetic = Array.from({ length: 1300 }, (_, i) => `synth-${String(i).padStart(6, '0')}`);
    expect(listSome(synthetic, 3)).toBe('1300: synth-000000, synth-000001, synth-000002, … (1297 more)');
  });
});
