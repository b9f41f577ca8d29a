/**
 * The colour scales of the saliency views, shared by the heatmap, the brain view and their
 * colour bars so one value has one colour everywhere. Sequential for |saliency| (inferno,
 * perceptually uniform, readable in greyscale print); diverging for a difference of classes.
 */
export type ColormapName = 'inferno' | 'diverging';

/** Control points of matplotlib's inferno, at 0, 1/8 … 1. */
const INFERNO: readonly (readonly [number, number, number])[] = [
  [0, 0, 4], [31, 12, 72], [85, 15, 109], [136, 34, 106], [186, 54, 85], [227, 89, 51], [249, 140, 10], [249, 201, 50], [252, 255, 164],
];
/** Blue – white – red (ColorBrewer RdBu, reversed), at 0, 1/4 … 1. */
const DIVERGING: readonly (readonly [number, number, number])[] = [
  [33, 102, 172], [103, 169, 207], [247, 247, 247], [239, 138, 98], [178, 24, 43],
];

const stops = (name: ColormapName) => (name === 'inferno' ? INFERNO : DIVERGING);

/** The colour of `t` in [0, 1] (clamped), as [r, g, b] bytes. */
export function colourAt(name: ColormapName, t: number): [number, number, number] {
  const s = stops(name);
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (s.length - 1);
  const i = Math.min(s.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(s[i][c] + (s[i + 1][c] - s[i][c]) * f)) as [number, number, number];
}

/** 256 colours as RGBA bytes, for painting many cells by table lookup. */
export function lookupTable(name: ColormapName): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = colourAt(name, i / 255);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/** CSS colours of the scale from low to high, for an ECharts visualMap or a CSS gradient. */
export function cssStops(name: ColormapName, n = 9): string[] {
  return Array.from({ length: n }, (_, i) => {
    const [r, g, b] = colourAt(name, i / (n - 1));
    return `rgb(${r}, ${g}, ${b})`;
  });
}
