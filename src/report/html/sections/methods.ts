import { html, type Html } from '../escape.js';
import type { ReportContext } from '../../context.js';
import { Citations, type ReferenceKey } from './references.js';

const METHOD_TEXT: Record<string, [string, ReferenceKey]> = {
  grad: ['the gradient of the explained class\'s probability with respect to each input cell (region × time step)', 'simonyan2014'],
  gradxinput: ['the gradient of the explained class\'s probability times the input', 'shrikumar2016'],
  ig: ['Integrated Gradients: the gradient averaged along the straight path from a baseline input to the sample, times their difference', 'sundararajan2017'],
  smoothgrad: ['SmoothGrad: the gradient averaged over noisy copies of each sample', 'smilkov2017'],
  'occlusion-time': ['occlusion: the drop in the explained class\'s probability when a whole time step is replaced by the baseline', 'zeiler2014'],
  'occlusion-feature': ['occlusion: the drop in the explained class\'s probability when a whole region is replaced by the baseline', 'zeiler2014'],
};

/** How the maps were made and what they mean, with the works to cite. */
export function methodsSection(ctx: ReportContext, templateDrawn: boolean): Html {
  const refs = new Citations();
  const m = ctx.config.model;
  const [base, tsr] = ctx.saliency.index.method.split('+');
  const [what, key] = METHOD_TEXT[base] ?? [`the "${base}" method`, null];
  const notes: Html[] = [];
  notes.push(html`<p>Each sample is a window of ${ctx.time.volumes.length} volumes of the ${ctx.regions.length} regions' mean signals. A recurrent classifier (${m.cell.toUpperCase()}${m.attention === 'input-cell' ? ' with input-cell attention, which weighs the inputs of every time step before they enter the cell so that saliency does not vanish for early steps ' + refs.cite('ismail2019') : ''}) predicts the class of each window. Saliency for recurrent models over time series follows ${refs.cite('ismail2019', 'ismail2020')}.</p>`);
  notes.push(html`<p>Saliency was computed as ${what}${key ? ' ' + refs.cite(key) : ''}, for ${targetText(ctx.saliency.index.params.target)}, in ${ctx.samples.length} ${ctx.saliency.index.samplesFrom === 'test' ? 'test samples' : 'samples of all splits'}.${tsr === 'tsr' ? ' It was then rescaled with Temporal Saliency Rescaling (TSR), which first scores each time step by how much masking it changes the map, and only then scores regions within the steps that matter ' + refs.cite('ismail2020') + '.' : ''}</p>`);
  notes.push(html`<p>Importance summarises the maps: for each sample, the mean |saliency| of each region over time, as a share of the sample's total (so every sample weighs the same); then the mean and sd of that share over samples. Saliency shows what the trained model relied on; it is evidence about the model, and about the brain only as far as the model is accurate (test accuracy above).</p>`);
  const atlasKey = atlasReference(ctx);
  if (ctx.atlas) {
    const name = ctx.atlas.bundled ? 'the AAL atlas (bundled with the app)' : html`the atlas <code>${ctx.atlas.labelsFile}</code>`;
    notes.push(html`<p>Regions are those of ${name}${atlasKey ? ' ' + refs.cite(atlasKey) : '; cite its authors\' reference'}.${templateDrawn ? ' Brain slices are drawn over the Colin27 template (MRIcron\'s ch2bet) ' + refs.cite('colin27') + '.' : ''}</p>`);
  }
  const params = JSON.stringify(ctx.saliency.index.params);
  return html`<section id="methods"><h2>Methods and references</h2>${notes}
<p class="small">Saliency method <code>${ctx.saliency.index.method}</code>, parameters <code>${params}</code>, backend ${ctx.saliency.index.backend}.</p>
<h3>References</h3><ol class="references">${refs.list().map((r) => html`<li>${r}</li>`)}</ol></section>`;
}

function atlasReference(ctx: ReportContext): ReferenceKey | null {
  if (!ctx.atlas) return null;
  if (ctx.atlas.bundled) return 'aal';
  const names = `${ctx.atlas.labelsFile} ${ctx.atlas.namesFile ?? ''}`.toLowerCase();
  if (/aicha/.test(names)) return 'aicha';
  if (/\baal/.test(names) || /[/\\]aal[^/\\]*$/.test(ctx.atlas.labelsFile.toLowerCase())) return 'aal';
  return null;
}

function targetText(target: unknown): string {
  if (target === 'true') return "each sample's true class";
  if (target === 'predicted') return "each sample's predicted class";
  return `the target class (${String(target)})`;
}
