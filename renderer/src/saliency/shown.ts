/**
 * What the saliency views show for the chosen view of a result: the matrix, its colour scale,
 * its temporal profile and its region importance. The matrices are decoded once per result
 * (DecodedResult); a difference is computed once per pair of classes, never per step.
 */
import type { z } from 'zod';
import type { groupView, saliencyView } from '../../../src/api/index.js';
import type { ColormapName } from './colormap.js';
import { decodeMatrix, difference, extent, type Matrix } from './matrix.js';
import { maxAbs, rowMeans } from './top-regions.js';

export type SaliencyView = z.output<typeof saliencyView>;
export type GroupView = z.output<typeof groupView>;

/** A stored result with its group matrices decoded. */
export interface DecodedResult {
  view: SaliencyView;
  overall: Matrix;
  /** Per class; null for a class without samples. */
  perClass: (Matrix | null)[];
}

export type ViewChoice =
  | { kind: 'overall' }
  | { kind: 'class'; cls: number }
  /** `signed`: the signed map on the diverging scale, instead of its magnitude. */
  | { kind: 'sample'; position: number; signed?: boolean }
  | { kind: 'difference'; a: number; b: number };

export interface MeanSd {
  mean: number[];
  /** null: a single map, no spread. */
  sd: (number | null)[] | null;
}

export interface Shown {
  matrix: Matrix;
  colormap: ColormapName;
  range: [number, number];
  /** A signed view (the difference): ranked and thresholded by |value|. */
  signed: boolean;
  temporal: MeanSd;
  /** Region importance of the group shown (overall for a sample or a difference); null when every map was zero. */
  importance: MeanSd | null;
  /** What the view is, in words (the captions). */
  caption: string;
}

/** Decodes a result's group matrices (once: the screen keeps the result). */
export function decodeResult(view: SaliencyView): DecodedResult {
  return { view, overall: decodeMatrix(view.overall.meanAbs), perClass: view.perClass.map((g) => (g ? decodeMatrix(g.meanAbs) : null)) };
}

const positive = (hi: number) => (hi > 0 ? hi : 1);

function sequential(matrix: Matrix, group: GroupView | null, caption: string, importanceOf: GroupView): Shown {
  return {
    matrix,
    colormap: 'inferno',
    range: [0, positive(extent(matrix.data)[1])],
    signed: false,
    temporal: group ? { mean: group.temporal.mean, sd: group.temporal.sd } : { mean: rowMeans(matrix.data, matrix.rows, matrix.cols), sd: null },
    importance: importanceOf.importance,
    caption,
  };
}

/** A signed matrix on the diverging scale, centred on zero. */
function diverging(matrix: Matrix, importanceOf: GroupView, caption: string): Shown {
  const m = positive(maxAbs(matrix.data));
  return {
    matrix,
    colormap: 'diverging',
    range: [-m, m],
    signed: true,
    temporal: { mean: rowMeans(matrix.data, matrix.rows, matrix.cols), sd: null },
    importance: importanceOf.importance,
    caption,
  };
}

/**
 * The view chosen, or null when it cannot be shown yet (a class without samples, a sample map
 * not loaded). `sampleMap` is the chosen sample's map: |map|, or the signed map with
 * `signed`. Call it when the choice changes, not per step: a difference is computed here.
 */
export function shownOf(d: DecodedResult, choice: ViewChoice, sampleMap: Matrix | null): Shown | null {
  const { view } = d;
  switch (choice.kind) {
    case 'overall':
      return sequential(d.overall, view.overall, `mean |saliency| of ${view.overall.samples.length} samples`, view.overall);
    case 'class': {
      const m = d.perClass[choice.cls];
      const g = view.perClass[choice.cls];
      if (!m || !g) return null;
      return sequential(m, g, `mean |saliency| of class ${view.classes[choice.cls]} (${g.samples.length} samples)`, g);
    }
    case 'sample': {
      const s = view.samples.find((x) => x.position === choice.position);
      if (!sampleMap || !s) return null;
      if (choice.signed) return diverging(sampleMap, view.overall, `signed saliency of sample ${s.index}`);
      return sequential(sampleMap, null, `|saliency| of sample ${s.index}`, view.overall);
    }
    case 'difference': {
      const a = d.perClass[choice.a];
      const b = d.perClass[choice.b];
      if (!a || !b) return null;
      return diverging(difference(a, b), view.overall, `mean |saliency| of ${view.classes[choice.a]} − ${view.classes[choice.b]}`);
    }
  }
}
