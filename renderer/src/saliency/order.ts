/** The display order of the regions in the saliency views: sorted one of three ways, filtered by name. */

export type RegionSort = 'importance' | 'name' | 'atlas';

export interface OrderInput {
  names: string[];
  /** Atlas label per region (null for imported tables: their position stands in). */
  labels: (number | null)[];
  /** One score per region, larger first (the overall importance mean). */
  importance: ArrayLike<number>;
}

/** Region indices, top to bottom: by importance (ties by position), name, or atlas label; kept when the name contains `filter` (case-insensitive). */
export function regionOrder(input: OrderInput, sort: RegionSort, filter = ''): number[] {
  const n = input.names.length;
  const needle = filter.trim().toLowerCase();
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (!needle || input.names[i].toLowerCase().includes(needle)) kept.push(i);
  const score = (i: number) => (Number.isFinite(input.importance[i]) ? input.importance[i] : -Infinity);
  const label = (i: number) => input.labels[i] ?? i;
  if (sort === 'importance') kept.sort((a, b) => score(b) - score(a) || a - b);
  else if (sort === 'name') kept.sort((a, b) => input.names[a].localeCompare(input.names[b]) || a - b);
  else kept.sort((a, b) => label(a) - label(b) || a - b);
  return kept;
}

/** Column means of a [rows × cols] matrix: the regions' importance when the view has none. */
export function columnMeans(data: Float32Array, rows: number, cols: number): Float64Array {
  const means = new Float64Array(cols);
  if (rows === 0) return means;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) means[c] += data[r * cols + c];
  for (let c = 0; c < cols; c++) means[c] /= rows;
  return means;
}
