import { heatmapSvg } from '../charts/heatmap.js';
import { html, trusted, type Html } from '../escape.js';
import { byRank, percent, short } from '../format.js';
import type { ReportContext } from '../../context.js';

/** Rows of the heatmap and of the table: the most important regions, not all 116 of AAL. */
export const HEATMAP_REGIONS = 30;
export const TABLE_REGIONS = 20;

/** Region × time heatmap of mean |saliency|, regions in order of importance. */
export function heatmapSection(ctx: ReportContext): Html {
  const order = byRank(ctx.aggregates.importance.rank);
  const rows = order.slice(0, HEATMAP_REGIONS);
  const svg = heatmapSvg({
    regionByTime: ctx.aggregates.regionByTime, time: ctx.time.volumes.length, rows,
    names: ctx.regions.map((r) => r.name), stepLabels: ctx.time.volumes.map(String),
    xName: `time step in the window (volumes; TR = ${short(ctx.time.tr)} s)`,
  });
  const which = rows.length < order.length ? `the ${rows.length} most important of ${order.length} regions` : `all ${order.length} regions`;
  return html`<section id="heatmap"><h2>When each region mattered</h2>
<figure>${trusted(svg)}<figcaption>Mean |saliency| over the ${ctx.samples.length} explained samples, for ${which}, most important at the top. Step 0 is the first volume of each window.</figcaption></figure></section>`;
}

/** The top regions: rank, name, atlas label, importance mean ± sd, per class, and ON-step share. */
export function topRegionsSection(ctx: ReportContext): Html {
  const { importance, classImportance, topCellShareByRegion, topCellShare } = ctx.aggregates;
  const order = byRank(importance.rank).slice(0, TABLE_REGIONS);
  const onShare = topCellShareByRegion !== null;
  const head = html`<tr><th scope="col">rank</th><th scope="col" class="left">region</th><th scope="col">label</th><th scope="col">importance (mean ± sd)</th>${classImportance.map((c) => html`<th scope="col" class="class">${c.name}</th>`)}${onShare ? html`<th scope="col">top cells in ON steps</th>` : ''}</tr>`;
  const body = order.map((r) => {
    const region = ctx.regions[r];
    const sd = Number.isFinite(importance.sd[r]) ? html` ± ${(100 * importance.sd[r]).toFixed(2)}` : '';
    return html`<tr><td>${importance.rank[r]}</td><td class="name">${region.name}</td><td>${region.label ?? '—'}</td><td>${percent(importance.mean[r], 2)}${sd}</td>${classImportance.map((c) => html`<td>${percent(c.mean[r], 2)}</td>`)}${onShare ? html`<td>${percent(topCellShareByRegion[r])}</td>` : ''}</tr>`;
  });
  const shown = order.length < ctx.regions.length ? `The ${order.length} most important of ${ctx.regions.length} regions` : `All ${ctx.regions.length} regions`;
  const classes = classImportance.map((c) => `${c.name}: ${c.count}`).join(', ');
  const on = topCellShare
    ? html` Of each sample's top ${percent(topCellShare.q, 0)} most salient cells, ${percent(topCellShare.mean)} fall in task-ON time steps (chance ${percent(topCellShare.chance)}, lift ${topCellShare.lift.toFixed(2)}); the last column is the same share for each region's own cells.`
    : '';
  return html`<section id="top-regions"><h2>Top regions</h2>
<p>${shown}. Importance is each region's share of a sample's total |saliency| (mean over time), averaged over samples (sd across samples); the class columns average only the samples of that true class (${classes}).${on}</p>
<table class="grid" id="top-regions-table"><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
}
