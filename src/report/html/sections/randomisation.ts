import { randomisationVerdict } from '../../../saliency/randomisation-result.js';
import { html, type Html } from '../escape.js';
import { fixed } from '../format.js';
import type { ReportContext } from '../../context.js';

const nullable = (v: number | null) => (v === null ? '—' : fixed(v, 2));

/**
 * The model-parameter randomisation check stored with the saliency result (saliency
 * --randomisation): per stage, the Spearman correlation between the trained and the
 * randomised maps, then the verdict. Always present: a map that was never checked says so,
 * since plausible-looking maps can be independent of the model (Adebayo et al. 2018).
 */
export function randomisationSection(ctx: ReportContext): Html {
  const r = ctx.saliency.index.randomisation;
  const title = html`<h2>Sanity check: model-parameter randomisation</h2>`;
  if (!r) {
    return html`<section id="randomisation">${title}
<p id="randomisation-verdict">Not run for these maps: nothing here shows that they depend on what the model learned rather than on the input alone. Recompute them with <code>saliency-studio saliency --randomisation cascading</code> (and the same options) to check.</p></section>`;
  }
  const how = r.mode === 'cascading'
    ? 'layer groups re-initialised from the head down, one more per stage (cumulative), as in the paper'
    : 'every layer group re-initialised at once';
  const head = html`<tr><th scope="col">layers randomised</th><th scope="col">mean ρ</th><th scope="col">sd ρ</th><th scope="col">mean |ρ|</th><th scope="col">samples with a ρ</th></tr>`;
  const rows = r.stages.map((s) => html`<tr><td>${s.layers.join(' + ')}</td><td>${nullable(s.mean)}</td><td>${nullable(s.sd)}</td><td>${nullable(s.meanAbs)}</td><td>${s.spearman.filter((v) => v !== null).length} / ${s.spearman.length}</td></tr>`);
  return html`<section id="randomisation">${title}
<p>Whether the maps depend on the model at all, as in Adebayo et al. (2018, "Sanity Checks for Saliency Maps"): the same method with the same options was run again on copies of the model with its weights re-initialised by the model's own initialisers (seed ${r.seed}; ${how}), and each sample's map compared with the trained model's by Spearman's rank correlation ρ of |saliency|. A map that still correlates with itself once no trained weight is left (mean |ρ| ≥ ${r.threshold}) reflects the input, not the model.</p>
<table class="grid" id="randomisation-stages"><thead>${head}</thead><tbody>${rows}</tbody></table>
<p id="randomisation-verdict" class="verdict-${r.verdict}"><strong>${randomisationVerdict(r)}</strong></p></section>`;
}
