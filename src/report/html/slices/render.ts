import { colorAt, type ColorMap } from '../colormap.js';
import { encodePng } from '../png.js';
import { nearestSampler, sliceZ, type VolumeGrid } from './volume.js';

export interface SliceRequest {
  /** Grey background on whose grid the slices are drawn; null draws the atlas's own grid. */
  background: VolumeGrid | null;
  /** Atlas label image. */
  labels: VolumeGrid;
  /** Importance to paint for each label; labels absent, NaN or ≤ vmin stay unpainted. */
  valueOfLabel: Map<number, number>;
  /** Importance at the bottom (exclusive: the paint threshold) and top of the colour map. */
  vmin: number;
  vmax: number;
  colorMap: ColorMap;
  count: number;
}

export interface AxialSlice {
  zMm: number;
  width: number;
  height: number;
  /** RGB PNG: anterior up, subject's left on the image's left (neurological convention). */
  png: Uint8Array;
  /** World millimetres (x, y, z) of the centre of pixel (col, row). */
  toWorld(col: number, row: number): [number, number, number];
}

const OVERLAY_ALPHA = 0.85;

/**
 * Axial slices of the importance map over a grey background, evenly spaced through the
 * painted regions, cropped to the brain. The atlas is looked up by nearest neighbour
 * through both affines, so atlas and background need not share a grid.
 */
export function renderAxialSlices(req: SliceRequest): AxialSlice[] {
  const display = req.background ?? req.labels;
  const [nx, ny, nz] = display.shape;
  const labelAt = sameGrid(display, req.labels) ? (i: number, j: number, k: number) => req.labels.data[i + nx * (j + ny * k)] : nearestSampler(req.labels, display);
  const valueOf = labelValues(req.valueOfLabel);
  const bg = req.background?.data;
  // One pass: the slices holding painted regions, and the in-plane box of the brain to crop to.
  let kMin = nz, kMax = -1, iMin = nx, iMax = -1, jMin = ny, jMax = -1;
  for (let k = 0, v = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, v++) {
        const label = labelAt(i, j, k);
        if (!(label > 0 || (bg !== undefined && bg[v] > 0))) continue;
        if (valueOf(label) > req.vmin) {
          if (k < kMin) kMin = k;
          kMax = k;
        }
        if (i < iMin) iMin = i;
        if (i > iMax) iMax = i;
        if (j < jMin) jMin = j;
        if (j > jMax) jMax = j;
      }
    }
  }
  if (kMax < 0) return [];
  const greyMax = req.background ? robustMax(req.background.data) : 0;
  const flipX = display.affine[0][0] < 0;
  const flipY = display.affine[1][1] > 0;
  const width = iMax - iMin + 1;
  const height = jMax - jMin + 1;
  const picks = pickSlices(kMin, kMax, req.count);
  const colours = new Map<number, [number, number, number]>();
  const colourOf = (label: number, v: number) => {
    let c = colours.get(label);
    if (!c) colours.set(label, (c = colorAt(req.colorMap, (v - req.vmin) / (req.vmax - req.vmin))));
    return c;
  };
  return picks.map((k) => {
    const rgb = new Uint8Array(width * height * 3);
    for (let row = 0; row < height; row++) {
      const j = flipY ? jMax - row : jMin + row;
      for (let col = 0; col < width; col++) {
        const i = flipX ? iMax - col : iMin + col;
        const label = labelAt(i, j, k);
        const grey = req.background
          ? Math.min(255, Math.round((255 * Math.max(0, req.background.data[i + nx * (j + ny * k)])) / greyMax))
          : label > 0 ? 110 : 0;
        const o = (row * width + col) * 3;
        const v = valueOf(label);
        const c = v > req.vmin ? colourOf(label, v) : null;
        for (let n = 0; n < 3; n++) rgb[o + n] = c ? Math.round(OVERLAY_ALPHA * c[n] + (1 - OVERLAY_ALPHA) * grey) : grey;
      }
    }
    const toWorld = (col: number, row: number) => {
      const [i, j] = [flipX ? iMax - col : iMin + col, flipY ? jMax - row : jMin + row];
      return display.affine.slice(0, 3).map((a) => a[0] * i + a[1] * j + a[2] * k + a[3]) as [number, number, number];
    };
    return { zMm: sliceZ(display, k), width, height, png: encodePng(width, height, rgb), toWorld };
  });
}

/** `count` slice indices evenly inside [lo, hi], ends excluded (the outermost slices are slivers). */
export function pickSlices(lo: number, hi: number, count: number): number[] {
  const out: number[] = [];
  for (let s = 1; s <= count; s++) {
    const k = Math.round(lo + ((hi - lo) * s) / (count + 1));
    if (out[out.length - 1] !== k) out.push(k);
  }
  return out;
}

/** Label → value as a function; a typed table when labels are small (they nearly always are), since it runs per voxel. */
function labelValues(values: Map<number, number>): (label: number) => number {
  const max = Math.max(0, ...values.keys());
  if (max >= 1 << 20) return (label) => values.get(label) ?? NaN;
  const table = new Float64Array(max + 1).fill(NaN);
  values.forEach((v, label) => {
    if (label >= 0) table[label] = v;
  });
  return (label) => (label >= 0 && label <= max ? table[label] : NaN);
}

function sameGrid(a: VolumeGrid, b: VolumeGrid): boolean {
  return a.shape.slice(0, 3).every((n, d) => n === b.shape[d]) && a.affine.every((row, r) => row.every((x, c) => x === b.affine[r][c]));
}

/** 99.5th percentile of the positive values (sampled): a bright outlier must not darken the brain. */
function robustMax(data: ArrayLike<number>): number {
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(data.length / 200_000));
  for (let i = 0; i < data.length; i += step) if (data[i] > 0) sample.push(data[i]);
  if (sample.length === 0) return 1;
  sample.sort((a, b) => a - b);
  return sample[Math.min(sample.length - 1, Math.floor(0.995 * sample.length))] || 1;
}
