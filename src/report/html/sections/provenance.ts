import { html, type Html } from '../escape.js';
import { ON_RESPONSE } from '../../../demo/score.js';
import type { OnSteps, ReportContext } from '../../context.js';

/** Where task-ON steps came from, in words, by OnSteps source. */
const ON_STEPS_FROM: Record<OnSteps['source'], string> = {
  'events': "the study's events files",
  'synthetic-ground-truth': 'the synthetic ground truth',
  'ground-truth-regressor': `the planted HRF regressor of the demo's ground_truth.json (ON where it is ≥ ${ON_RESPONSE})`,
};

/** App version, date, backends and every input file with its size and SHA-256. */
export function provenanceSection(ctx: ReportContext): Html {
  const p = ctx.provenance;
  const files = p.files.map((f) => html`<tr><td class="name">${f.role}</td><td class="path"><code>${f.path}</code></td><td class="num">${f.bytes.toLocaleString('en-US')}</td><td class="hash"><code>${f.sha256}</code></td></tr>`);
  const on = p.onSteps === null ? null : ON_STEPS_FROM[p.onSteps];
  return html`<section id="provenance"><h2>Provenance</h2>
<p>Written by ${p.app.name} ${p.app.version} on ${p.createdAt}; training backend ${p.backend.training}, saliency backend ${p.backend.saliency}.${on ? ` Task-ON time steps from ${on}.` : ''} The full record (design, model, training options, saliency parameters) is what the report's <code>json</code> format writes as <code>provenance.json</code>.</p>
<p>Run <code>${ctx.runDir}</code>; saliency <code>${ctx.saliencyDir}</code>.</p>
<table class="grid files" id="provenance-files"><colgroup><col style="width:16%"><col style="width:38%"><col style="width:10%"><col style="width:36%"></colgroup><thead><tr><th scope="col">input</th><th scope="col">file</th><th scope="col">bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>${files}</tbody></table></section>`;
}
