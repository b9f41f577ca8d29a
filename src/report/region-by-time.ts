import type { ReportContext } from './context.js';
import { numberCell, tableText, textCell, type Separator } from '../util/table-text.js';

/** A step's column name: volume and seconds from the window's onset, e.g. `t3_7.5s`. */
export function timeColumn(volume: number, seconds: number): string {
  return `t${volume}_${Number(seconds.toFixed(6))}s`;
}

/**
 * region_by_time.tsv: one row per region (label, name), then one column per time step of the
 * window holding the mean |saliency| over samples. One header row, so pandas
 * (`read_csv(sep='\t')`) and R (`read.delim`, with `na.strings = "n/a"` for missing labels) read it as is; `t<volume>_<seconds>s` names
 * are valid R names, and both numbers can be parsed back from them.
 */
export function regionByTimeTable(ctx: Pick<ReportContext, 'regions' | 'time' | 'aggregates'>, sep: Separator): string {
  const { volumes, seconds } = ctx.time;
  const steps = volumes.length;
  const m = ctx.aggregates.regionByTime;
  const columns = ['label', 'name', ...volumes.map((v, t) => timeColumn(v, seconds[t]))];
  const rows = ctx.regions.map((r, i) => [
    numberCell(r.label),
    textCell(r.name, sep),
    ...Array.from({ length: steps }, (_, t) => numberCell(m[i * steps + t])),
  ]);
  return tableText(columns, rows, sep);
}
