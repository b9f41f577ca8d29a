import { describe, expect, it } from 'vitest';
import { drawingLut, labelBitmap, labelIndices } from '../../renderer/src/brain/label-bitmap.js';
import type { LabelColormap } from '../../renderer/src/brain/label-colours.js';
import type { LabelVolume } from '../../renderer/src/brain/label-volume.js';

// A 3 × 2 × 2 atlas (x fastest), 2 mm voxels from (-10, 20, 30) mm, with AAL-like label values:
//   k=0: j=0 → 2001 2001 2001   j=1 → 9170 0 0      k=1: j=0 → 0 5 0   j=1 → 9170 0 9170
const ATLAS: LabelVolume = {
  dims: [3, 2, 2],
  affine: [[2, 0, 0, -10], [0, 2, 0, 20], [0, 0, 2, 30], [0, 0, 0, 1]],
  data: Uint16Array.from([2001, 2001, 2001, 9170, 0, 0, 0, 5, 0, 9170, 0, 9170]),
};

describe('brain label bitmap', () => {
  it('numbers the regions\u2019 labels 1..N in the order listed, skipping repeats and non-positive labels', () => {
    expect([...labelIndices([9170, 2001, 0, 5, 2001, -3, 1.5])!]).toEqual([[9170, 1], [2001, 2], [5, 3]]);
  });

  it('gives up (null) past 255 labels, which a Uint8 bitmap cannot hold, and takes 255 exactly', () => {
    const labels = Array.from({ length: 256 }, (_, i) => i + 1);
    expect(labelIndices(labels)).toBeNull();
    expect(labelIndices(labels.slice(0, 255))!.get(255)).toBe(255);
    expect(labelIndices([1, 2, 3], 2)).toBeNull();
  });

  it('on the atlas\u2019s own grid holds each voxel\u2019s label index, 0 for unlabelled voxels and labels no region names', () => {
    const indices = labelIndices([9170, 2001])!;
    expect([...labelBitmap(ATLAS, { dims: ATLAS.dims, affine: ATLAS.affine }, indices)]).toEqual([2, 2, 2, 1, 0, 0, 0, 0, 0, 1, 0, 1]);
  });

  it('resamples onto another grid by mm, nearest voxel centre: a flipped x axis and a 1 mm grid offset by half a voxel', () => {
    const indices = labelIndices([2001, 9170, 5])!;
    // x flipped: grid voxel i is atlas voxel 2 - i.
    const flipped = labelBitmap(ATLAS, { dims: [3, 2, 2], affine: [[-2, 0, 0, -6], [0, 2, 0, 20], [0, 0, 2, 30], [0, 0, 0, 1]] }, indices);
    expect([...flipped]).toEqual([1, 1, 1, 0, 0, 2, 0, 3, 0, 2, 0, 2]);
    // 1 mm voxels from (-11, 19, 30) mm, 6 × 1 × 1: x = -11 … -6 mm → atlas i = (x + 10) / 2 rounded
    // half up: -0.5 → 0 (floor(0)), 0, 0.5 → 1, 1, 1.5 → 2, 2; y = 19 mm → j = -0.5 → 0.
    const fine = labelBitmap(ATLAS, { dims: [6, 1, 1], affine: [[1, 0, 0, -11], [0, 1, 0, 19], [0, 0, 1, 30], [0, 0, 0, 1]] }, indices);
    expect([...fine]).toEqual([1, 1, 1, 1, 1, 1]);
    // Beyond the atlas (x = 0 mm is atlas i = 5, outside its 3 voxels): 0.
    const outside = labelBitmap(ATLAS, { dims: [1, 1, 1], affine: [[1, 0, 0, 0], [0, 1, 0, 20], [0, 0, 1, 30], [0, 0, 0, 1]] }, indices);
    expect([...outside]).toEqual([0]);
  });

  it('agrees with looking each grid voxel\u2019s mm up in the atlas one by one (a rotated, scaled grid)', () => {
    const indices = labelIndices([2001, 9170, 5])!;
    // y and z swapped, 1.5 mm voxels, offset: every atlas voxel and the space around it.
    const affine = [[1.5, 0, 0, -12], [0, 0, 1.5, 18], [0, 1.5, 0, 28], [0, 0, 0, 1]];
    const dims = [6, 5, 5] as const;
    const got = labelBitmap(ATLAS, { dims, affine }, indices);
    let n = 0;
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, n++) {
      const mm = [0, 1, 2].map((r) => affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3]);
      const v = [(mm[0] + 10) / 2, (mm[1] - 20) / 2, (mm[2] - 30) / 2].map((x) => Math.floor(x + 0.5));
      const inside = v.every((x, a) => x >= 0 && x < ATLAS.dims[a]);
      const label = inside ? ATLAS.data[v[0] + 3 * (v[1] + 2 * v[2])] : 0;
      expect(got[n]).toBe(indices.get(label) ?? 0);
    }
    expect(got.some((x) => x > 0)).toBe(true);
  });
});

describe('brain drawing colour table', () => {
  const TABLE: LabelColormap = {
    I: [0, 9170, 2001, 5], R: [0, 85, 186, 0], G: [0, 15, 54, 0], B: [0, 109, 85, 0], A: [0, 255, 255, 0], labels: ['', 'One', 'Two', 'Three'],
  };
  const INDICES = new Map([[9170, 1], [2001, 2], [5, 3]]);

  it('puts each label\u2019s colour at its bitmap index; every other entry is transparent', () => {
    const { lut, labels } = drawingLut(TABLE, INDICES);
    expect(lut).toHaveLength(1024);
    expect([...lut.subarray(0, 16)]).toEqual([0, 0, 0, 0, 85, 15, 109, 255, 186, 54, 85, 255, 0, 0, 0, 0]);
    expect(lut.subarray(16).every((x) => x === 0)).toBe(true);
    expect(labels.slice(0, 4)).toEqual(['', 'One', 'Two', 'Three']);
    expect(labels).toHaveLength(256);
  });

  it('marks the selected label as NiiVue marks its active one: 0.4 of its alpha where painted, dark at 0.8 where not', () => {
    expect([...drawingLut(TABLE, INDICES, 2001).lut.subarray(8, 12)]).toEqual([186, 54, 85, 102]);
    expect([...drawingLut(TABLE, INDICES, 5).lut.subarray(12, 16)]).toEqual([0, 0, 0, 204]);
    // The others as they were.
    expect([...drawingLut(TABLE, INDICES, 5).lut.subarray(4, 12)]).toEqual([85, 15, 109, 255, 186, 54, 85, 255]);
  });
});
