import { describe, expect, it } from 'vitest';
import { labelColormap, scalePosition } from '../../renderer/src/brain/label-colours.js';

// Expected colours are the control points of renderer/src/saliency/colormap.ts, read off by hand:
// inferno at 1/4 is its stop 2 [85, 15, 109], at 1/2 stop 4 [186, 54, 85], at 1 [252, 255, 164];
// the diverging scale's ends are [33, 102, 172] and [178, 24, 43], its centre [247, 247, 247].
const NAMES = ['a', 'b', 'c', 'd', 'e'];

describe('brain label colours', () => {
  it('paints each region\u2019s label with its value\u2019s colour, entry 0 (background) first and transparent', () => {
    const cm = labelColormap({
      values: Float32Array.from([0.25, 0.5, 1, 0.75, 0]), labels: [5, 3, 9, 7, 2], names: NAMES,
      range: [0, 1], threshold: 0, colormap: 'inferno',
    });
    expect(cm.I).toEqual([0, 5, 3, 9, 7, 2]);
    expect(cm.R).toEqual([0, 85, 186, 252, 249, 0]);
    expect(cm.G).toEqual([0, 15, 54, 255, 140, 0]);
    expect(cm.B).toEqual([0, 109, 85, 164, 10, 4]);
    expect(cm.A).toEqual([0, 255, 255, 255, 255, 255]);
    expect(cm.labels).toEqual(['', 'a', 'b', 'c', 'd', 'e']);
  });

  it('leaves a region unpainted when |value| is below the threshold, and paints it at the threshold exactly', () => {
    const cm = labelColormap({
      values: Float32Array.from([0.2499, 0.25, -0.25, -0.2499, 1]), labels: [1, 2, 3, 4, 5], names: NAMES,
      range: [0, 1], threshold: 0.25, colormap: 'inferno',
    });
    expect(cm.A).toEqual([0, 0, 255, 255, 0, 255]);
    // Unpainted entries carry no colour; -0.25 clamps to inferno's low end.
    expect([cm.R[1], cm.G[1], cm.B[1]]).toEqual([0, 0, 0]);
    expect([cm.R[2], cm.G[2], cm.B[2]]).toEqual([85, 15, 109]);
    expect([cm.R[3], cm.G[3], cm.B[3]]).toEqual([0, 0, 4]);
    // A threshold above every value leaves only the background entry's and others' alpha at 0.
    const none = labelColormap({ values: Float32Array.from([0.2, 0.9, 1]), labels: [1, 2, 3], names: NAMES, range: [0, 1], threshold: 1.01, colormap: 'inferno' });
    expect(none.A).toEqual([0, 0, 0, 0]);
  });

  it('centres the diverging scale on 0 whatever the range: 0 is white, ±max(|lo|, |hi|) the ends', () => {
    const cm = labelColormap({
      values: Float32Array.from([0, 3, -3, -1.5, -4]), labels: [1, 2, 3, 4, 5], names: NAMES,
      range: [-1, 3], threshold: 0, colormap: 'diverging',
    });
    expect(cm.R.slice(1)).toEqual([247, 178, 33, 103, 33]);
    expect(cm.G.slice(1)).toEqual([247, 24, 102, 169, 102]);
    expect(cm.B.slice(1)).toEqual([247, 43, 172, 207, 172]);
    expect(scalePosition(0, [-1, 3], 'diverging')).toBe(0.5);
    expect(scalePosition(1.5, [-1, 3], 'diverging')).toBe(0.75);
    expect(scalePosition(1, [0, 0], 'diverging')).toBe(0.5);
  });

  it('places inferno values on [lo, hi], clamped, and splits a zero-width range at its value', () => {
    expect(scalePosition(3, [2, 6], 'inferno')).toBe(0.25);
    expect(scalePosition(-9, [2, 6], 'inferno')).toBe(0);
    expect(scalePosition(9, [2, 6], 'inferno')).toBe(1);
    expect(scalePosition(2, [2, 2], 'inferno')).toBe(1);
    expect(scalePosition(1.9, [2, 2], 'inferno')).toBe(0);
  });

  it('gives no entry to unlabelled regions (label ≤ 0) or a repeated label, and no colour to a missing or NaN value', () => {
    const cm = labelColormap({
      values: Float32Array.from([1, 1, 1, NaN]), labels: [0, -2, 4, 4, 6], names: NAMES,
      range: [0, 1], threshold: 0, colormap: 'inferno',
    });
    // Region 2 owns label 4 (region 3 repeats it); region 4 (label 6) has no value; NaN in region 3 is never read.
    expect(cm.I).toEqual([0, 4, 6]);
    expect(cm.A).toEqual([0, 255, 0]);
    expect(cm.labels).toEqual(['', 'c', 'e']);
  });
});
