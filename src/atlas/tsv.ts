import { tsvText } from '../util/table-text.js';
import type { ParcellationResult } from './parcellate.js';

/** Region × time table: columns label, name, voxels, t0, t1, …; `n/a` where a region has no finite voxel. */
export function parcellationTsv(result: ParcellationResult): string {
  const times = Array.from({ length: result.volumes }, (_, t) => `t${t}`);
  const rows = result.regions.map((r, i) => [r.label, r.name, r.voxels, ...result.means[i]]);
  return tsvText(['label', 'name', 'voxels', ...times], rows);
}
