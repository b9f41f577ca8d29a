/**
 * The atlas's label image as plain numbers (voxels, grid, voxel→mm affine), and the geometry the
 * brain view needs from it once at load: each label's centroid and a voxel inside it, the
 * labelled extent, and the label under a point in mm. Browser-safe and pure.
 */

/** A 3-D label image: `data` in NIfTI order (x fastest); `affine` is the 4×4 voxel→mm matrix by rows. */
export interface LabelVolume {
  dims: readonly [number, number, number];
  affine: readonly (readonly number[])[];
  data: ArrayLike<number>;
}

export type Vec3 = [number, number, number];

/** Where one label lies, in mm. */
export interface LabelPlace {
  /** The mean of its voxels' centres. */
  centroid: Vec3;
  /** Its voxel nearest the centroid: inside the region even when the region is not convex. */
  inside: Vec3;
  voxels: number;
}

export interface LabelGeometry {
  places: Map<number, LabelPlace>;
  /** The mm bounds of all labelled voxels, [min, max] per axis; null for an empty image. */
  extent: { min: Vec3; max: Vec3 } | null;
}

/** Voxel indices → mm through `affine`. */
export function voxelToMm(affine: LabelVolume['affine'], i: number, j: number, k: number): Vec3 {
  return [0, 1, 2].map((r) => affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3]) as Vec3;
}

/** Inverts the 3×3 part and offset of a voxel→mm affine (an mm→voxel one). */
export function invertAffine(a: LabelVolume['affine']): number[][] {
  const [[a00, a01, a02, t0], [a10, a11, a12, t1], [a20, a21, a22, t2]] = a;
  const c00 = a11 * a22 - a12 * a21, c01 = a02 * a21 - a01 * a22, c02 = a01 * a12 - a02 * a11;
  const c10 = a12 * a20 - a10 * a22, c11 = a00 * a22 - a02 * a20, c12 = a02 * a10 - a00 * a12;
  const c20 = a10 * a21 - a11 * a20, c21 = a01 * a20 - a00 * a21, c22 = a00 * a11 - a01 * a10;
  const det = a00 * c00 + a01 * c10 + a02 * c20;
  const m = [[c00, c01, c02], [c10, c11, c12], [c20, c21, c22]].map((row) => row.map((x) => x / det));
  return m.map((row) => [...row, -(row[0] * t0 + row[1] * t1 + row[2] * t2)]);
}

/** The label value of the voxel containing `mm` (nearest voxel centre); 0 outside the grid. */
export function labelAtMm(volume: LabelVolume, mm: readonly number[], inverse = invertAffine(volume.affine)): number {
  const [nx, ny, nz] = volume.dims;
  const v = [0, 1, 2].map((r) => Math.round(inverse[r][0] * mm[0] + inverse[r][1] * mm[1] + inverse[r][2] * mm[2] + inverse[r][3]));
  if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] >= nx || v[1] >= ny || v[2] >= nz) return 0;
  return volume.data[v[0] + nx * (v[1] + ny * v[2])];
}

/** A reusable label lookup for many points (the pointer moving over the view). */
export function labelLookup(volume: LabelVolume): (mm: readonly number[]) => number {
  const inverse = invertAffine(volume.affine);
  return (mm) => labelAtMm(volume, mm, inverse);
}

/**
 * Every positive label's centroid and inside voxel, and the labelled extent, in two passes over
 * the voxels (computed once when the atlas loads).
 */
export function labelGeometry(volume: LabelVolume): LabelGeometry {
  const [nx, ny, nz] = volume.dims;
  const { data, affine } = volume;
  const sums = new Map<number, [number, number, number, number]>();
  // Scalars, not arrays: this runs for every labelled voxel (millions) at load.
  let loI = Infinity, loJ = Infinity, loK = Infinity, hiI = -Infinity, hiJ = -Infinity, hiK = -Infinity;
  let n = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
    const label = data[n];
    if (!(label > 0)) continue;
    let s = sums.get(label);
    if (!s) sums.set(label, (s = [0, 0, 0, 0]));
    s[0] += i; s[1] += j; s[2] += k; s[3]++;
    if (i < loI) loI = i;
    if (i > hiI) hiI = i;
    if (j < loJ) loJ = j;
    if (j > hiJ) hiJ = j;
    if (k < loK) loK = k;
    if (k > hiK) hiK = k;
  }
  const lo = [loI, loJ, loK], hi = [hiI, hiJ, hiK];
  const centres = new Map<number, Vec3>();
  for (const [label, s] of sums) centres.set(label, [s[0] / s[3], s[1] / s[3], s[2] / s[3]]);
  const best = new Map<number, { d: number; at: Vec3 }>();
  n = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
    const label = data[n];
    if (!(label > 0)) continue;
    const c = centres.get(label)!;
    const d = (i - c[0]) ** 2 + (j - c[1]) ** 2 + (k - c[2]) ** 2;
    const b = best.get(label);
    if (!b || d < b.d) best.set(label, { d, at: [i, j, k] });
  }
  const places = new Map<number, LabelPlace>();
  for (const [label, s] of sums) {
    const c = centres.get(label)!;
    const at = best.get(label)!.at;
    places.set(label, { centroid: voxelToMm(affine, c[0], c[1], c[2]), inside: voxelToMm(affine, at[0], at[1], at[2]), voxels: s[3] });
  }
  if (sums.size === 0) return { places, extent: null };
  // The mm box of the voxel box's corners (exact for any affine: it is linear).
  const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => voxelToMm(affine, c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]));
  const axis = (f: (xs: number[]) => number) => [0, 1, 2].map((a) => f(corners.map((p) => p[a]))) as Vec3;
  return { places, extent: { min: axis((xs) => Math.min(...xs)), max: axis((xs) => Math.max(...xs)) } };
}
