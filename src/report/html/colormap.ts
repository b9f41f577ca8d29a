/** An RGB colour map: stops evenly spaced over [0, 1], linearly interpolated. */
export interface ColorMap {
  name: string;
  stops: string[];
}

/** Pale yellow → dark red (ColorBrewer YlOrRd): the region × time heatmap on a white page. */
export const YL_OR_RD: ColorMap = {
  name: 'YlOrRd',
  stops: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
};

/** Dark red → yellow (the "red-yellow" of FSLeyes/MRIcroGL): overlays on a grey brain. */
export const RED_YELLOW: ColorMap = {
  name: 'red-yellow',
  stops: ['#8b0000', '#d7301f', '#fc8d59', '#fdcc3a', '#ffff80'],
};

/** Colour of `t` in [0, 1] (clamped) as [r, g, b] bytes. */
export function colorAt(map: ColorMap, t: number): [number, number, number] {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (map.stops.length - 1);
  const i = Math.min(map.stops.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = hexToRgb(map.stops[i]);
  const b = hexToRgb(map.stops[i + 1]);
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
