import { html, type Html } from '../escape.js';
import type { ReportContext } from '../../context.js';

/** App version, date, backends and every input file with its size and SHA-256. */
export function provenanceSection(ctx: ReportContext): Html {
  const p = ctx.provenance;
  const files = p.files.map((f) => html`<tr><td class="name">${f.role}</td><td class="path"><code>${f.path}</code></td><td class="num">${f.bytes.toLocaleString('en-US')}</td><td class="hash"><code>${f.sha256}</code></td></tr>`);
  const on = p.onSteps === 'events' ? "the study's events files" : p.onSteps === 'synthetic-ground-truth' ? 'the synthetic ground truth' : null;
  return html`<section id="provenance"><h2>Provenance</h2>
<p>Written by ${p.app.name} ${p.app.version} on ${p.createdAt}; training backend ${p.backend.training}, saliency backend ${p.backend.saliency}.${on ? ` Task-ON time steps from ${on}.` : ''} The full record (design, model, training options, saliency parameters) is what the report's <code>json</code> format writes as <code>provenance.json</code>.</p>
<p>Run <code>${ctx.runDir}</code>; saliency <code>${ctx.saliencyDir}</code>.</p>
<table class="grid files" id="provenance-files"><colgroup><col style="width:16%"><col style="width:38%"><col style="width:10%"><col style="width:36%"></colgroup><thead><tr><th scope="col">input</th><th scope="col">file</th><th scope="col">bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>${files}</tbody></table></section>`;
}
