import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../../../src/atlas/load.js';
import { RED_YELLOW, colorAt } from '../../../src/report/html/colormap.js';
import { pickSlices, renderAxialSlices } from '../../../src/report/html/slices/render.js';
import { loadTemplate } from '../../../src/report/html/slices/template.js';
import type { VolumeGrid } from '../../../src/report/html/slices/volume.js';
import { shared } from '../../helpers/shared-data.js';
import { decodeRgbPng } from './png-decode.js';

const diag = (s: number, offset = [0, 0, 0]) => [[s, 0, 0, offset[0]], [0, s, 0, offset[1]], [0, 0, s, offset[2]], [0, 0, 0, 1]];
const HALF = [252, 141, 89]; // RED_YELLOW at 0.5: its middle stop #fc8d59
const TOP = [255, 255, 128]; // RED_YELLOW at 1: #ffff80
const blend = (c: number[], grey: number) => c.map((v) => Math.round(0.85 * v + 0.15 * grey));
const pixel = (rgb: Uint8Array, width: number, col: number, row: number) => [...rgb.subarray((row * width + col) * 3, (row * width + col) * 3 + 3)];

describe('colorAt', () => {
  it('hits the stops exactly and interpolates between them', () => {
    expect(colorAt(RED_YELLOW, 0)).toEqual([0x8b, 0, 0]);
    expect(colorAt(RED_YELLOW, 0.5)).toEqual(HALF);
    expect(colorAt(RED_YELLOW, 1)).toEqual(TOP);
    // Halfway between stop 3 (#fdcc3a) and stop 4 (#ffff80): t = 0.875.
    expect(colorAt(RED_YELLOW, 0.875)).toEqual([Math.round(254), Math.round((0xcc + 0xff) / 2), Math.round((0x3a + 0x80) / 2)]);
    expect(colorAt(RED_YELLOW, 7)).toEqual(TOP);
    expect(colorAt(RED_YELLOW, NaN)).toEqual([0x8b, 0, 0]);
  });
});

describe('pickSlices', () => {
  it('spaces slices evenly inside the range, ends excluded, without repeats', () => {
    expect(pickSlices(10, 20, 4)).toEqual([12, 14, 16, 18]);
    expect(pickSlices(0, 1, 3)).toEqual([0, 1]);
  });
});

describe('renderAxialSlices', () => {
  // Background: 4×3×2 voxels of 2 mm at the origin; atlas: 2×2×2 voxels of 4 mm (labels 1 | 2 by x).
  const background: VolumeGrid = { shape: [4, 3, 2], affine: diag(2), data: Float64Array.from({ length: 24 }, (_, v) => v + 1) };
  const labels: VolumeGrid = { shape: [2, 2, 2], affine: diag(4), data: Int32Array.from({ length: 8 }, (_, v) => (v % 2 === 0 ? 1 : 2)) };

  it('paints each background voxel with the label found through both affines, anterior up', () => {
    const [slice] = renderAxialSlices({ background, labels, valueOfLabel: new Map([[1, 0.5], [2, 1]]), vmin: 0, vmax: 1, colorMap: RED_YELLOW, count: 1 });
    expect(slice.zMm).toBe(2); // k = 1
    const png = decodeRgbPng(slice.png);
    expect([png.width, png.height]).toEqual([4, 3]);
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 4; col++) {
        const j = 2 - row; // +y is anterior, drawn at the top
        const grey = Math.round((255 * (1 + col + 4 * j + 12)) / 24);
        // x = 2·col mm → atlas voxel round(col / 2): 0 → label 1; 1, 2 → label 2; 3 → outside the atlas.
        const expected = col === 0 ? blend(HALF, grey) : col < 3 ? blend(TOP, grey) : [grey, grey, grey];
        expect(pixel(png.rgb, 4, col, row), `col ${col} row ${row}`).toEqual(expected);
        expect(slice.toWorld(col, row)).toEqual([2 * col, 2 * j, 2]);
      }
    }
  });

  it('puts the subject\'s left on the image\'s left when x runs right to left, and leaves unvalued labels grey', () => {
    const flipped: VolumeGrid = { shape: [3, 1, 1], affine: [[-1, 0, 0, 2], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], data: Int32Array.of(1, 3, 2) };
    const [slice] = renderAxialSlices({ background: null, labels: flipped, valueOfLabel: new Map([[1, 0.5], [2, 1], [3, NaN]]), vmin: 0, vmax: 1, colorMap: RED_YELLOW, count: 1 });
    const png = decodeRgbPng(slice.png);
    // Voxel 2 (x = 0 mm, label 2) is leftmost; voxel 0 (x = 2 mm, label 1) rightmost; label 3 has no value.
    expect(pixel(png.rgb, 3, 0, 0)).toEqual(blend(TOP, 110));
    expect(pixel(png.rgb, 3, 1, 0)).toEqual([110, 110, 110]);
    expect(pixel(png.rgb, 3, 2, 0)).toEqual(blend(HALF, 110));
    expect(slice.toWorld(0, 0)[0]).toBe(0);
  });

  it('paints only labels above vmin, the colour map spanning vmin to vmax', () => {
    const [slice] = renderAxialSlices({ background, labels, valueOfLabel: new Map([[1, 0.5], [2, 0.75]]), vmin: 0.5, vmax: 1, colorMap: RED_YELLOW, count: 1 });
    const png = decodeRgbPng(slice.png);
    const grey = Math.round((255 * (1 + 0 + 4 * 2 + 12)) / 24); // col 0, row 0: voxel (0, 2, 1)
    expect(pixel(png.rgb, 4, 0, 0)).toEqual([grey, grey, grey]); // label 1 sits at the threshold
    const grey1 = Math.round((255 * (1 + 1 + 4 * 2 + 12)) / 24);
    expect(pixel(png.rgb, 4, 1, 0)).toEqual(blend(HALF, grey1)); // 0.75 is halfway from 0.5 to 1
  });

  it('draws nothing when no label has a positive value', () => {
    expect(renderAxialSlices({ background, labels, valueOfLabel: new Map([[1, 0]]), vmin: 0, vmax: 1, colorMap: RED_YELLOW, count: 3 })).toEqual([]);
  });

  it('paints exactly the voxels of Calcarine_L over the Colin27 template, left and posterior', async () => {
    const atlas = await loadAtlas(shared('atlases', 'aal.nii.gz'));
    const template = await loadTemplate(shared('templates', 'ch2bet.nii.gz'));
    expect(template).not.toBeNull();
    const grid: VolumeGrid = { shape: atlas.header.shape.slice(0, 3), affine: atlas.header.affine, data: atlas.labels };
    const slices = renderAxialSlices({ background: template, labels: grid, valueOfLabel: new Map([[43, 0.2]]), vmin: 0, vmax: 0.2, colorMap: RED_YELLOW, count: 3 });
    expect(slices).toHaveLength(3);
    let [painted, sumX, maxY] = [0, 0, -Infinity];
    const wrong: string[] = [];
    for (const slice of slices) {
      const png = decodeRgbPng(slice.png);
      for (let row = 0; row < png.height; row++) {
        for (let col = 0; col < png.width; col++) {
          const [r, g, b] = pixel(png.rgb, png.width, col, row);
          const [x, y, z] = slice.toWorld(col, row);
          // AAL's affine (nibabel): 1 mm voxels, voxel (0, 0, 0) at world (-90, -125, -71).
          const label = atlas.labels[(x + 90) + 181 * ((y + 125) + 217 * (z + 71))];
          const isPainted = !(r === g && g === b);
          if (isPainted !== (label === 43)) wrong.push(`pixel (${col}, ${row}) at ${x}, ${y}, ${z}: label ${label}, painted ${isPainted}`);
          if (isPainted) {
            painted++;
            sumX += x;
            maxY = Math.max(maxY, y);
          }
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(painted).toBeGreaterThan(300);
    // Left hemisphere (AAL's Calcarine_L touches the midline, so its mean) and occipital.
    expect(sumX / painted).toBeLessThan(-5);
    expect(maxY).toBeLessThan(-40);
  });
});
