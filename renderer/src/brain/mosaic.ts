/**
 * The mosaic layout: a lightbox of axial slices through the labelled extent, as NiiVue's slice
 * mosaic string ("A z1 z2 … ; z5 …", a row per ';'). Browser-safe and pure.
 */

/** `count` axial slices evenly spaced inside [zLow, zHigh] mm (the centres of equal bands), `columns` per row, to 1 decimal. */
export function axialMosaic(zLow: number, zHigh: number, count = 12, columns = 4): string {
  const step = (zHigh - zLow) / count;
  const zs = Array.from({ length: count }, (_, i) => Math.round((zLow + (i + 0.5) * step) * 10) / 10);
  const rows: string[] = [];
  for (let i = 0; i < zs.length; i += columns) rows.push(zs.slice(i, i + columns).join(' '));
  return `A ${rows.join(' ; ')}`;
}
