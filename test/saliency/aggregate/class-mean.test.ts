import { describe, expect, it } from 'vitest';
import { classMeanMaps } from '../../../src/saliency/aggregate/index.js';
import { maps } from './fixture.js';

describe('class mean maps', () => {
  it('averages the maps of each class, signed or absolute, and marks empty classes', () => {
    const both = classMeanMaps(maps, [0, 0], 2);
    expect(Array.from(both[0].mean!)).toEqual([1.5, -0.5, -1, 0, 0, 1.5]);
    expect([both[0].count, both[1].count, both[1].mean]).toEqual([2, 0, null]);
    expect(Array.from(classMeanMaps(maps, [0, 0], 1, { absolute: true })[0].mean!)).toEqual([1.5, 2.5, 3, 0, 0, 1.5]);
    const split = classMeanMaps(maps, [1, 0], 2);
    expect(Array.from(split[1].mean!)).toEqual([1, -3, 2, 0, 0, 3]);
    expect(() => classMeanMaps(maps, [0, 2], 2)).toThrow(/labels\[1\] = 2; expected a class index in \[0, 2\)/);
  });
});
