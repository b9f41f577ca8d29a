import { profileSvg } from '../charts/profile.js';
import { html, trusted, type Html } from '../escape.js';
import { short } from '../format.js';
import type { ReportContext } from '../../context.js';

/** When, within a window, saliency falls: mean over regions per step, ± sd across samples. */
export function profileSection(ctx: ReportContext): Html {
  const { mean, sd } = ctx.aggregates.temporal;
  const svg = profileSvg({
    mean, sd, stepLabels: ctx.time.volumes.map(String),
    xName: `time step in the window (volumes; TR = ${short(ctx.time.tr)} s)`, yName: 'mean |saliency|',
  });
  const band = ctx.samples.length > 1 ? 'the band is ± 1 sd across samples' : 'one sample, so no spread';
  return html`<section id="temporal-profile"><h2>Temporal profile</h2>
<figure>${trusted(svg)}<figcaption>Per time step, each sample's mean |saliency| over all regions, averaged over the ${ctx.samples.length} explained samples; ${band}.</figcaption></figure></section>`;
}
