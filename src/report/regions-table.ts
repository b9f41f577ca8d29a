import type { ReportContext } from './context.js';
import { numberCell, tableText, textCell, type Separator } from '../util/table-text.js';

/** The per-class columns' names: `importance_<class name>`. */
export const classColumn = (name: string) => `importance_${name}`;

/**
 * regions.tsv / regions.csv: one row per region in dataset order (sort by `rank` for the
 * top regions). label is the atlas label value (n/a for imported tables); importance_mean/_sd
 * are each region's share of a sample's saliency, mean and sd over samples (the means sum
 * to 1); rank 1 = most important; importance_<class> the mean share over samples of that true
 * class (n/a when the class has none); top_cell_share_on the share of the region's top-10 %
 * steps per sample that are task-ON, n/a when ON steps are not known.
 */
export function regionsTable(ctx: Pick<ReportContext, 'regions' | 'classes' | 'aggregates'>, sep: Separator): string {
  const { importance, classImportance, topCellShareByRegion } = ctx.aggregates;
  const columns = ['label', 'name', 'importance_mean', 'importance_sd', 'rank', ...ctx.classes.map(classColumn), 'top_cell_share_on'];
  const rows = ctx.regions.map((r, i) => [
    numberCell(r.label),
    textCell(r.name, sep),
    numberCell(importance.mean[i]),
    numberCell(importance.sd[i]),
    String(importance.rank[i]),
    ...classImportance.map((c) => numberCell(c.mean[i])),
    numberCell(topCellShareByRegion ? topCellShareByRegion[i] : null),
  ]);
  return tableText(columns, rows, sep);
}
