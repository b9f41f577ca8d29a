/**
 * The heatmap's cells as an image: one pixel per visible cell (time across, regions down in
 * display order), coloured through a 256-entry lookup table. The component scales it onto the
 * chart's grid without smoothing, so each cell stays a sharp block at any zoom.
 */
import type { Matrix } from './matrix.js';

/** The visible cells: steps [step0, step0 + steps) and display rows [row0, row0 + rows). */
export interface CellWindow {
  step0: number;
  steps: number;
  row0: number;
  rows: number;
}

/** Every cell of a matrix with `stepCount` steps shown in `rowCount` display rows. */
export function fullWindow(stepCount: number, rowCount: number): CellWindow {
  return { step0: 0, steps: stepCount, row0: 0, rows: rowCount };
}

/**
 * The window a dataZoom leaves: its inclusive [startValue, endValue] category indices on the
 * time axis and the region axis (clamped, either order), as ECharts reports them.
 */
export function windowFromZoom(x: [number, number], y: [number, number], stepCount: number, rowCount: number): CellWindow {
  const span = (v: [number, number], n: number): [number, number] => {
    if (n <= 0) return [0, 0];
    const clamp = (i: number) => Math.min(n - 1, Math.max(0, Math.round(Number.isFinite(i) ? i : 0)));
    const a = clamp(Math.min(v[0], v[1]));
    const b = clamp(Math.max(v[0], v[1]));
    return [a, b - a + 1];
  };
  const [step0, steps] = span(x, stepCount);
  const [row0, rows] = span(y, rowCount);
  return { step0, steps, row0, rows };
}

/**
 * The table entry of `value` on the range [lo, hi]: 0 at or below lo, 255 at or above hi,
 * (value − lo) · 255 / (hi − lo) rounded between; −1 for NaN, which is left transparent. A
 * degenerate range (hi ≤ lo) puts values above lo at 255 and the rest at 0.
 */
export function lutIndex(value: number, lo: number, hi: number): number {
  if (Number.isNaN(value)) return -1;
  if (!(hi > lo)) return value > lo ? 255 : 0;
  return indexOf(value, lo, 255 / (hi - lo));
}

// One formula for lutIndex and paintCells, so a cell's colour and the hover's value agree.
function indexOf(value: number, lo: number, scale: number): number {
  const t = (value - lo) * scale;
  // (t + 0.5) | 0 is Math.round for 0 < t < 255, and cheaper in the per-cell loop.
  return t <= 0 ? 0 : t >= 255 ? 255 : (t + 0.5) | 0;
}

/**
 * Fills `out` (RGBA, win.steps × win.rows pixels, row-major) with the window's cells: pixel
 * (x, y) is step win.step0 + x of region order[win.row0 + y]. `lut` is 256 RGBA entries.
 */
export function paintCells(out: Uint8ClampedArray, matrix: Matrix, order: readonly number[], win: CellWindow, range: readonly [number, number], lut: Uint8ClampedArray): void {
  const need = win.steps * win.rows * 4;
  if (out.length < need) throw new Error(`pixel buffer of ${out.length} bytes for ${win.steps} × ${win.rows} cells`);
  const [lo, hi] = range;
  const { cols, data } = matrix;
  // Whole RGBA words: one write per pixel (byte order is kept, as both views share the layout).
  const px = new Uint32Array(out.buffer, out.byteOffset, win.steps * win.rows);
  const colours = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const degenerate = !(hi > lo);
  const scale = degenerate ? 0 : 255 / (hi - lo);
  const regions = Int32Array.from(order.slice(win.row0, win.row0 + win.rows));
  // Time outer, regions inner: each step's regions are one contiguous row of the matrix, read
  // once (the strided writes land in a few cache lines per step); about 3× faster than by region.
  for (let x = 0; x < win.steps; x++) {
    const base = (win.step0 + x) * cols;
    for (let y = 0, p = x; y < win.rows; y++, p += win.steps) {
      const v = data[base + regions[y]];
      if (v !== v) px[p] = 0;
      else px[p] = colours[degenerate ? (v > lo ? 255 : 0) : indexOf(v, lo, scale)];
    }
  }
}
