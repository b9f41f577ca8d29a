import { html, type Html } from '../escape.js';
import { fixed, percent } from '../format.js';
import type { ReportContext } from '../../context.js';

/**
 * The masked-accuracy drop stored with the saliency result (saliency --masked-accuracy): per p,
 * accuracy after the top p % salient cells are replaced, beside the random control. Null when
 * the result has none, so the report leaves the section (and its contents entry) out.
 */
export function faithfulnessSection(ctx: ReportContext): Html | null {
  const m = ctx.saliency.index.maskedAccuracy;
  if (!m) return null;
  const head = html`<tr><th scope="col">cells replaced (p)</th><th scope="col">cells per sample</th><th scope="col">accuracy, salient cells replaced</th><th scope="col">accuracy, random cells replaced</th><th scope="col">drop, salient</th><th scope="col">drop, random</th></tr>`;
  const rows = m.ps.map((p, j) => html`<tr><td>${percent(p)}</td><td>${fixed(m.meanReplaced[j], 1)}</td><td>${percent(m.salient[j])}</td><td>${percent(m.random[j])}</td><td>${percent(m.baseline - m.salient[j])}</td><td>${percent(m.baseline - m.random[j])}</td></tr>`);
  return html`<section id="faithfulness"><h2>Faithfulness: masked accuracy</h2>
<p>How much the model relies on the cells the maps rank highest, as in Ismail et al. (2020; see References): in each of the ${ctx.samples.length} explained samples, the top p of cells (region × time step) by |saliency| were replaced by fresh N(0, 1) noise and the model re-tested against the true labels; the control replaced as many cells chosen at random (noise seed ${m.seed}). Accuracy on the unmasked samples: <strong id="masked-accuracy-baseline">${percent(m.baseline)}</strong>. A faithful map loses clearly more accuracy in the salient arm than in the random one.</p>
<table class="grid" id="masked-accuracy"><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}
