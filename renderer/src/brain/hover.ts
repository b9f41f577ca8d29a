/**
 * From an atlas label under the pointer back to the region (map column) it is, and what the
 * hover text shows. Browser-safe and pure.
 */

/** Label value → region index; the first region wins when two share a label. */
export function regionOfLabel(labels: readonly number[]): Map<number, number> {
  const map = new Map<number, number>();
  labels.forEach((label, region) => {
    if (label > 0 && !map.has(label)) map.set(label, region);
  });
  return map;
}

export interface HoverInfo {
  region: number | null;
  value: number | null;
  mm: [number, number, number];
}

/** What hovering over `label` at `mm` reports: its region and that region's value, or nulls over an unlabelled voxel. */
export function hoverInfo(label: number, regions: Map<number, number>, values: ArrayLike<number>, mm: readonly number[]): HoverInfo {
  const region = regions.get(label) ?? null;
  const value = region !== null && region < values.length ? values[region] : null;
  return { region, value, mm: [mm[0], mm[1], mm[2]] };
}
