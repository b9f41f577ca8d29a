/**
 * The atlas's colour table for one step: each region's label painted with its value's colour on
 * the shared scale, so the brain view only rebuilds this table (a few hundred entries) when the
 * step changes, never the volumes. Browser-safe and pure.
 */
import { colourAt, type ColormapName } from '../saliency/colormap.js';

/** A NiiVue label colormap (what `NVImage.setColormapLabel` takes): sparse entries, index I. */
export interface LabelColormap {
  R: number[];
  G: number[];
  B: number[];
  A: number[];
  I: number[];
  labels: string[];
}

export interface LabelColourInput {
  /** One value per region index. */
  values: ArrayLike<number>;
  /** The atlas label value of each region index. */
  labels: readonly number[];
  /** Region names per index (the location text NiiVue shows). */
  names: readonly string[];
  range: readonly [number, number];
  /** |value| below this: transparent. */
  threshold: number;
  colormap: ColormapName;
}

/**
 * Where `value` falls on the colour scale, in [0, 1]. Inferno spans [lo, hi]; the diverging
 * scale is centred on 0 (white) whatever the range, reaching its ends at ±max(|lo|, |hi|), so a
 * difference of classes keeps its sign's colour.
 */
export function scalePosition(value: number, range: readonly [number, number], colormap: ColormapName): number {
  const [lo, hi] = range;
  let t: number;
  if (colormap === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    t = m > 0 ? 0.5 + value / (2 * m) : 0.5;
  } else {
    t = hi > lo ? (value - lo) / (hi - lo) : value >= hi ? 1 : 0;
  }
  return Math.min(1, Math.max(0, t));
}

/**
 * The label colormap for one step. Label 0 (background) is always entry 0 and transparent,
 * which also makes NiiVue's dense table start at 0 as its atlas shader indexes it. A region is
 * transparent when its value is not finite or |value| < threshold, or its label is not positive;
 * labels no region names are absent, so NiiVue leaves them transparent.
 */
export function labelColormap(input: LabelColourInput): LabelColormap {
  const { values, labels, names, range, threshold, colormap } = input;
  const out: LabelColormap = { R: [0], G: [0], B: [0], A: [0], I: [0], labels: [''] };
  const seen = new Set<number>([0]);
  for (let region = 0; region < labels.length; region++) {
    const label = labels[region];
    if (!Number.isInteger(label) || label <= 0 || seen.has(label)) continue;
    seen.add(label);
    const v = region < values.length ? values[region] : NaN;
    const painted = Number.isFinite(v) && Math.abs(v) >= threshold;
    const [r, g, b] = painted ? colourAt(colormap, scalePosition(v, range, colormap)) : [0, 0, 0];
    out.R.push(r);
    out.G.push(g);
    out.B.push(b);
    out.A.push(painted ? 255 : 0);
    out.I.push(label);
    out.labels.push(names[region] ?? `label ${label}`);
  }
  return out;
}
