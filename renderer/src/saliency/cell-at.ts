/**
 * Pixels ↔ cells of the heatmap's grid. The axes are category axes, so each visible step is a
 * band of width/steps pixels and each visible row one of height/rows: the same bands the cell
 * image is scaled onto, so what is under the pointer is what is painted there.
 */
import type { CellWindow } from './heatmap-image.js';

/** The plotting area inside the chart, in CSS pixels. */
export interface GridRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space around the grid for axes, sliders and the colour bar, in CSS pixels. */
export interface GridMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The grid of a chart of `width` × `height` with fixed pixel margins (never negative). */
export function gridRect(width: number, height: number, m: GridMargins): GridRect {
  return { x: m.left, y: m.top, width: Math.max(0, width - m.left - m.right), height: Math.max(0, height - m.top - m.bottom) };
}

/** The cell under (px, py): its step and display row; null outside the grid or for an empty window. */
export function cellAt(rect: GridRect, win: CellWindow, px: number, py: number): { step: number; row: number } | null {
  if (win.steps <= 0 || win.rows <= 0 || rect.width <= 0 || rect.height <= 0) return null;
  const fx = (px - rect.x) / rect.width;
  const fy = (py - rect.y) / rect.height;
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  return { step: win.step0 + Math.floor(fx * win.steps), row: win.row0 + Math.floor(fy * win.rows) };
}
