import { describe, expect, it } from 'vitest';
import { colourAt, lookupTable } from '../../renderer/src/saliency/colormap.js';
import { fullWindow, lutIndex, paintCells, windowFromZoom } from '../../renderer/src/saliency/heatmap-image.js';
import type { Matrix } from '../../renderer/src/saliency/matrix.js';

/** 3 steps × 4 regions, cell (t, r) = 10·t + r: every value names its own cell. */
const named: Matrix = { rows: 3, cols: 4, data: Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)) };
/** A table whose entry k is (k, 255 − k, 7, 255), so each pixel shows the index it was given. */
const probe = (() => {
  const lut = new Uint8ClampedArray(1024);
  for (let k = 0; k < 256; k++) lut.set([k, 255 - k, 7, 255], 4 * k);
  return lut;
})();
const px = (k: number) => [k, 255 - k, 7, 255];

describe('the heatmap colour index', () => {
  it('maps the range linearly onto 0…255, rounded, and clamps outside it', () => {
    expect(lutIndex(0, 0, 1)).toBe(0);
    expect(lutIndex(1, 0, 1)).toBe(255);
    expect(lutIndex(0.5, 0, 1)).toBe(128); // 127.5 rounds up
    expect(lutIndex(0.25, 0, 1)).toBe(64); // 63.75
    expect(lutIndex(-3, 0, 1)).toBe(0);
    expect(lutIndex(7, 0, 1)).toBe(255);
    expect(lutIndex(0, -2, 2)).toBe(128); // a centred diverging range puts 0 in the middle
  });

  it('marks NaN as no colour and splits a degenerate range at its value', () => {
    expect(lutIndex(Number.NaN, 0, 1)).toBe(-1);
    expect(lutIndex(1, 1, 1)).toBe(0);
    expect(lutIndex(1.5, 1, 1)).toBe(255);
    expect(lutIndex(0, 2, 1)).toBe(0);
  });
});

describe('the heatmap window', () => {
  it('turns a dataZoom\u2019s inclusive start/end indices into first cell and count', () => {
    expect(windowFromZoom([2, 5], [1, 1], 10, 3)).toEqual({ step0: 2, steps: 4, row0: 1, rows: 1 });
    expect(windowFromZoom([5, 2], [2, 0], 10, 3)).toEqual({ step0: 2, steps: 4, row0: 0, rows: 3 });
  });

  it('clamps a window past the matrix and rounds fractional indices', () => {
    expect(windowFromZoom([-3, 50], [0.4, 1.4], 10, 3)).toEqual({ step0: 0, steps: 10, row0: 0, rows: 2 });
    expect(windowFromZoom([0, 0], [0, 0], 0, 0)).toEqual({ step0: 0, steps: 0, row0: 0, rows: 0 });
    expect(fullWindow(1200, 400)).toEqual({ step0: 0, steps: 1200, row0: 0, rows: 400 });
  });
});

describe('the heatmap cell image', () => {
  it('puts time across and the regions down in display order, for the visible window only', () => {
    const out = new Uint8ClampedArray(2 * 2 * 4);
    // Range [0, 255]: a value is its own table index.
    paintCells(out, named, [3, 1, 0], { step0: 1, steps: 2, row0: 0, rows: 2 }, [0, 255], probe);
    // Row 0 is region 3 (steps 1, 2: 13, 23), row 1 region 1 (11, 21).
    expect([...out]).toEqual([...px(13), ...px(23), ...px(11), ...px(21)]);
  });

  it('shows the lower rows of the order when the window starts further down', () => {
    const out = new Uint8ClampedArray(3 * 1 * 4);
    paintCells(out, named, [3, 1, 0], { step0: 0, steps: 3, row0: 2, rows: 1 }, [0, 255], probe);
    expect([...out]).toEqual([...px(0), ...px(10), ...px(20)]);
  });

  it('scales by the range, clamps outside it and leaves NaN transparent', () => {
    const m: Matrix = { rows: 4, cols: 1, data: Float32Array.from([-1, 0.5, 9, Number.NaN]) };
    const out = new Uint8ClampedArray(4 * 4);
    paintCells(out, m, [0], fullWindow(4, 1), [0, 2], probe);
    // 0.5 on [0, 2] is 63.75 → 64.
    expect([...out]).toEqual([...px(0), ...px(64), ...px(255), 0, 0, 0, 0]);
  });

  it('colours through the real inferno table: the range ends are its first and last colour', () => {
    const m: Matrix = { rows: 2, cols: 2, data: Float32Array.from([0, 4, 2, 1]) };
    const out = new Uint8ClampedArray(2 * 2 * 4);
    paintCells(out, m, [1, 0], fullWindow(2, 2), [0, 4], lookupTable('inferno'));
    // Row 0: region 1 (4, 1); row 1: region 0 (0, 2). 1 on [0, 4] → 63.75 → index 64; 2 → 127.5 → 128.
    expect([...out]).toEqual([
      252, 255, 164, 255, ...colourAt('inferno', 64 / 255), 255,
      0, 0, 4, 255, ...colourAt('inferno', 128 / 255), 255,
    ]);
  });

  it('refuses a pixel buffer too small for the window', () => {
    expect(() => paintCells(new Uint8ClampedArray(12), named, [0, 1], { step0: 0, steps: 2, row0: 0, rows: 2 }, [0, 1], probe)).toThrow(/12 bytes for 2 × 2/);
  });
});
