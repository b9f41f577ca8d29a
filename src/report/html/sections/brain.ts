import { RED_YELLOW } from '../colormap.js';
import { html, trusted, type Html } from '../escape.js';
import { slicesSvg } from '../slices/figure.js';
import { renderAxialSlices } from '../slices/render.js';
import type { VolumeGrid } from '../slices/volume.js';
import type { ReportContext } from '../../context.js';

export const SLICE_COUNT = 9;

/**
 * Axial slices with each region painted by its importance: over the MNI template when the
 * atlas is in MNI space, else on the atlas's own grid (a template in another space would lie).
 */
export function brainSection(ctx: ReportContext, template: VolumeGrid | null): Html {
  const title = html`<h2>Where: importance on the brain</h2>`;
  if (!ctx.atlas) {
    return html`<section id="brain-slices">${title}<p class="note">No brain map: this dataset's regions were imported from a table and have no atlas labels.</p></section>`;
  }
  const { atlas, labelOfRegion, space } = ctx.atlas;
  const mean = ctx.aggregates.importance.mean;
  const valueOfLabel = new Map<number, number>();
  labelOfRegion.forEach((label, r) => {
    if (label !== null && Number.isFinite(mean[r])) valueOfLabel.set(label, mean[r]);
  });
  const vmax = Math.max(0, ...valueOfLabel.values());
  // Shares sum to 1, so 1/R is what each region would get if saliency were spread evenly:
  // painting only regions above it keeps 116 mid-red regions from hiding the few that matter.
  const even = 1 / valueOfLabel.size;
  const vmin = vmax > even ? even : 0;
  const background = space === 'mni' ? template : null;
  const labels: VolumeGrid = { shape: atlas.header.shape.slice(0, 3), affine: atlas.header.affine, data: atlas.labels };
  const slices = vmax > 0 ? renderAxialSlices({ background, labels, valueOfLabel, vmin, vmax, colorMap: RED_YELLOW, count: SLICE_COUNT }) : [];
  if (slices.length === 0) {
    return html`<section id="brain-slices">${title}<p class="note">No brain map: no region of the atlas has a non-zero importance.</p></section>`;
  }
  const svg = slicesSvg(slices, RED_YELLOW, [vmin, vmax], 'region importance (share of |saliency|)');
  const over = background
    ? 'over the Colin27 template (MNI, 1 mm)'
    : space === 'mni'
      ? 'on the atlas grid (the bundled template was not found, so the grey is the atlas\'s own outline)'
      : 'on the atlas grid (the atlas is not in MNI space, so the MNI template is not drawn under it)';
  const painted = [...valueOfLabel.values()].filter((v) => v > vmin).length;
  const which = vmin > 0
    ? `The ${painted} regions whose importance is above the even share (1/${valueOfLabel.size} = ${vmin.toPrecision(2)}) are painted, from that share (dark red) to the largest (yellow)`
    : 'Every region is painted, from 0 (dark red) to the largest importance (yellow)';
  return html`<section id="brain-slices">${title}
<figure>${trusted(svg)}<figcaption>Axial slices, neurological convention (left on the left), ${over}. Every voxel of a region carries that region's mean importance. ${which}.</figcaption></figure></section>`;
}
