import type { ReportContext } from '../context.js';
import { html, trusted } from './escape.js';
import { brainSection } from './sections/brain.js';
import { faithfulnessSection } from './sections/faithfulness.js';
import { methodsSection } from './sections/methods.js';
import { modelSection } from './sections/model.js';
import { profileSection } from './sections/profile.js';
import { randomisationSection } from './sections/randomisation.js';
import { provenanceSection } from './sections/provenance.js';
import { heatmapSection, topRegionsSection } from './sections/regions.js';
import { studySection } from './sections/study.js';
import type { VolumeGrid } from './slices/volume.js';
import { REPORT_CSS } from './style.js';

const CONTENTS: [string, string][] = [
  ['study', 'Study'], ['model', 'Model and training'], ['heatmap', 'When each region mattered'], ['top-regions', 'Top regions'],
  ['brain-slices', 'Importance on the brain'], ['temporal-profile', 'Temporal profile'], ['faithfulness', 'Faithfulness'], ['randomisation', 'Sanity check'], ['methods', 'Methods and references'], ['provenance', 'Provenance'],
];

/**
 * The whole report as one HTML document: inline CSS, figures as inline SVG, brain slices as
 * PNG data URIs, no script and nothing fetched, so it opens offline and prints as is.
 */
export function reportHtml(ctx: ReportContext, template: VolumeGrid | null): string {
  const run = ctx.runDir.split(/[/\\]/).filter(Boolean).pop() ?? ctx.runDir;
  const title = `Saliency report: ${run}`;
  const date = ctx.provenance.createdAt.slice(0, 10);
  const templateDrawn = template !== null && ctx.atlas?.space === 'mni';
  const faithfulness = faithfulnessSection(ctx);
  // Only results saved with --masked-accuracy have the section; the contents list only what is there.
  const contents = CONTENTS.filter(([id]) => id !== 'faithfulness' || faithfulness);
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${ctx.provenance.app.name} ${ctx.provenance.app.version}"><title>${title}</title>
<style>${trusted(REPORT_CSS)}</style></head>
<body><header><h1>${title}</h1><p class="meta">${date} · ${ctx.classes.length} classes · ${ctx.regions.length} regions · saliency: ${ctx.saliency.index.method} · test accuracy ${(100 * ctx.summary.testAccuracy).toFixed(1)} %</p></header>
<nav><ol>${contents.map(([id, name]) => html`<li><a href="#${id}">${name}</a></li>`)}</ol></nav>
<main>
${studySection(ctx)}
${modelSection(ctx)}
${heatmapSection(ctx)}
${topRegionsSection(ctx)}
${brainSection(ctx, template)}
${profileSection(ctx)}
${faithfulness}
${randomisationSection(ctx)}
${methodsSection(ctx, templateDrawn)}
${provenanceSection(ctx)}
</main></body></html>
`;
  return page.text;
}
