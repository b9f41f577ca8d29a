import { describe, expect, it } from 'vitest';
import { labelAtMm, labelGeometry, labelLookup, voxelToMm, type LabelVolume } from '../../renderer/src/brain/label-volume.js';

// A 3 × 2 × 2 label image (x fastest), 2 mm voxels from (-10, 20, 30) mm:
//   k=0: j=0 → 1 1 1   j=1 → 2 0 0
//   k=1: j=0 → 0 3 0   j=1 → 2 0 2
// Label 1: voxels (0,0,0) (1,0,0) (2,0,0): centroid voxel (1, 0, 0) → (-8, 20, 30) mm, itself inside.
// Label 2: (0,1,0) (0,1,1) (2,1,1): centroid (2/3, 1, 2/3) → (-8.667, 22, 31.333) mm, which is the
//   voxel (1,1,1), unlabelled; the nearest label-2 voxel is (0,1,1) (squared distance 5/9) → (-10, 22, 32).
// Label 3: (1,0,1) → (-8, 20, 32).
const TINY: LabelVolume = {
  dims: [3, 2, 2],
  affine: [[2, 0, 0, -10], [0, 2, 0, 20], [0, 0, 2, 30], [0, 0, 0, 1]],
  data: Uint8Array.from([1, 1, 1, 2, 0, 0, 0, 3, 0, 2, 0, 2]),
};

describe('brain label volume', () => {
  it('finds each label\u2019s centroid in mm, a voxel inside it nearest that centroid, and its voxel count', () => {
    const { places } = labelGeometry(TINY);
    expect([...places.keys()].sort()).toEqual([1, 2, 3]);
    expect(places.get(1)).toEqual({ centroid: [-8, 20, 30], inside: [-8, 20, 30], voxels: 3 });
    const two = places.get(2)!;
    expect(two.centroid[0]).toBeCloseTo(-8 - 2 / 3, 10);
    expect(two.centroid[1]).toBeCloseTo(22, 10);
    expect(two.centroid[2]).toBeCloseTo(30 + 4 / 3, 10);
    expect(two.inside).toEqual([-10, 22, 32]);
    expect(two.voxels).toBe(3);
    expect(places.get(3)).toEqual({ centroid: [-8, 20, 32], inside: [-8, 20, 32], voxels: 1 });
  });

  it('bounds the labelled voxels in mm, and has no extent or places for an image with no label', () => {
    expect(labelGeometry(TINY).extent).toEqual({ min: [-10, 20, 30], max: [-6, 22, 32] });
    const flipped = labelGeometry({ ...TINY, affine: [[-2, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]] });
    expect(flipped.extent).toEqual({ min: [86, -126, -72], max: [90, -124, -70] });
    const empty = labelGeometry({ ...TINY, data: new Uint8Array(12) });
    expect(empty).toEqual({ places: new Map(), extent: null });
  });

  it('reads the label under a point in mm from the nearest voxel centre, 0 off the grid', () => {
    expect(labelAtMm(TINY, [-8, 20, 32])).toBe(3);
    expect(labelAtMm(TINY, [-6.9, 22.9, 31.1])).toBe(2);
    expect(labelAtMm(TINY, [-12, 20, 30])).toBe(0);
    expect(labelAtMm(TINY, [-8, 20, 35.1])).toBe(0);
  });

  it('inverts any voxel→mm affine: every voxel\u2019s centre reads back its own label (flipped and oblique grids)', () => {
    const affines = [
      [[-2, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]],
      [[0.9, -0.3, 0.1, 5], [0.4, 1.1, 0.2, -3], [-0.1, 0.2, 1.3, 7], [0, 0, 0, 1]],
    ];
    for (const affine of affines) {
      const volume = { ...TINY, affine };
      const lookup = labelLookup(volume);
      let n = 0;
      for (let k = 0; k < 2; k++) for (let j = 0; j < 2; j++) for (let i = 0; i < 3; i++, n++) {
        expect(lookup(voxelToMm(affine, i, j, k))).toBe(TINY.data[n]);
      }
    }
  });
});
