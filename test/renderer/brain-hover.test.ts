import { describe, expect, it } from 'vitest';
import { hoverInfo, regionOfLabel } from '../../renderer/src/brain/hover.js';
import { axialMosaic } from '../../renderer/src/brain/mosaic.js';

describe('brain hover', () => {
  it('maps each positive label to the first region that has it', () => {
    expect([...regionOfLabel([5, 3, 0, 5, -1, 8])]).toEqual([[5, 0], [3, 1], [8, 5]]);
  });

  it('reports the region and its value under a labelled voxel, and nulls over an unlabelled one', () => {
    const regions = regionOfLabel([5, 3, 8]);
    const values = Float32Array.from([0.5, -0.25, 2]);
    expect(hoverInfo(3, regions, values, [1, 2, 3])).toEqual({ region: 1, value: -0.25, mm: [1, 2, 3] });
    expect(hoverInfo(0, regions, values, [1, 2, 3])).toEqual({ region: null, value: null, mm: [1, 2, 3] });
    expect(hoverInfo(42, regions, values, [4, 5, 6, 1])).toEqual({ region: null, value: null, mm: [4, 5, 6] });
    expect(hoverInfo(8, regions, Float32Array.from([1]), [0, 0, 0])).toEqual({ region: 2, value: null, mm: [0, 0, 0] });
  });
});

describe('brain mosaic', () => {
  it('spaces axial slices at the centres of equal bands of the extent, a row per ";"', () => {
    expect(axialMosaic(-40, 80)).toBe('A -35 -25 -15 -5 ; 5 15 25 35 ; 45 55 65 75');
    expect(axialMosaic(0, 1, 3, 2)).toBe('A 0.2 0.5 ; 0.8');
  });
});
