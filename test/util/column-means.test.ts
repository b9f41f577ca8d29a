import { describe, expect, it } from 'vitest';
import { columnMeans } from '../../src/util/column-means.js';

describe('column means', () => {
  it('averages each column over the rows, skipping NaN cells (skipped samples)', () => {
    const table = Float64Array.of(1, 2, 3, NaN, 5, 6, NaN, NaN);
    expect(Array.from(columnMeans(table, 2))).toEqual([3, 4]);
    expect(Array.from(columnMeans(Float64Array.of(NaN, 1, NaN, 3), 2))).toEqual([NaN, 2]);
  });

  it('averages only the chosen rows, in float64 even over float32 data (the training mean)', () => {
    const data = Float32Array.of(0.1, 10, 0.2, 20, 0.7, 70);
    const means = columnMeans(data, 2, [0, 2]);
    expect(means).toBeInstanceOf(Float64Array);
    expect(means[0]).toBe((Math.fround(0.1) + Math.fround(0.7)) / 2);
    expect(means[1]).toBe(40);
  });
});
