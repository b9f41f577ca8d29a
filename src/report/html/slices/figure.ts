import { colorAt, type ColorMap } from '../colormap.js';
import { escapeHtml } from '../escape.js';
import { pngDataUri } from '../png.js';
import type { AxialSlice } from './render.js';

const COLUMNS = 3;
const TILE_W = 240;
const GAP = 8;
const LABEL_H = 18;

/**
 * The slices as one inline SVG: a grid of tiles (each an embedded PNG) with their z in mm,
 * L/R marks, and a colour bar over `range`.
 */
export function slicesSvg(slices: AxialSlice[], colorMap: ColorMap, range: [number, number], barLabel: string): string {
  const scale = TILE_W / slices[0].width;
  const tileH = Math.round(slices[0].height * scale);
  const rows = Math.ceil(slices.length / COLUMNS);
  const width = COLUMNS * TILE_W + (COLUMNS - 1) * GAP;
  const gridH = rows * (tileH + LABEL_H + GAP);
  const tiles = slices.map((s, n) => {
    const x = (n % COLUMNS) * (TILE_W + GAP);
    const y = Math.floor(n / COLUMNS) * (tileH + LABEL_H + GAP);
    return [
      `<rect x="${x}" y="${y}" width="${TILE_W}" height="${tileH}" fill="#000"/>`,
      `<image x="${x}" y="${y}" width="${TILE_W}" height="${tileH}" preserveAspectRatio="xMidYMid meet" href="${pngDataUri(s.png)}"/>`,
      `<text x="${x + 6}" y="${y + 16}" class="lr">L</text><text x="${x + TILE_W - 6}" y="${y + 16}" class="lr" text-anchor="end">R</text>`,
      `<text x="${x + TILE_W / 2}" y="${y + tileH + 14}" text-anchor="middle" class="z">z = ${Math.round(s.zMm)} mm</text>`,
    ].join('');
  });
  const bar = colourBar(colorMap, range, barLabel, width, gridH + 4);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="slices" width="${width}" height="${gridH + 70}" viewBox="0 0 ${width} ${gridH + 70}" role="img" aria-label="axial slices of region importance">`,
    '<style>.lr{fill:#fff;font:bold 13px Helvetica,Arial,sans-serif}.z,.cb{fill:#222;font:12px Helvetica,Arial,sans-serif}</style>',
    ...tiles,
    bar,
    '</svg>',
  ].join('\n');
}

function colourBar(colorMap: ColorMap, [lo, hi]: [number, number], label: string, width: number, top: number): string {
  const barW = Math.min(360, width - 40);
  const x0 = (width - barW) / 2;
  const stops = Array.from({ length: 11 }, (_, n) => {
    const [r, g, b] = colorAt(colorMap, n / 10);
    return `<stop offset="${n * 10}%" stop-color="rgb(${r},${g},${b})"/>`;
  }).join('');
  const ticks = [0, 0.5, 1].map((f) => {
    const x = x0 + f * barW;
    return `<line x1="${x}" x2="${x}" y1="${top + 14}" y2="${top + 20}" stroke="#222"/><text x="${x}" y="${top + 33}" text-anchor="middle" class="cb">${escapeHtml(formatTick(lo + f * (hi - lo)))}</text>`;
  });
  return [
    `<defs><linearGradient id="slices-colour-bar" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`,
    `<rect x="${x0}" y="${top}" width="${barW}" height="14" fill="url(#slices-colour-bar)" stroke="#222" stroke-width="0.5"/>`,
    ...ticks,
    `<text x="${width / 2}" y="${top + 52}" text-anchor="middle" class="cb">${escapeHtml(label)}</text>`,
  ].join('');
}

function formatTick(v: number): string {
  return v === 0 ? '0' : v.toPrecision(2);
}
