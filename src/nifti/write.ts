/**
 * NIfTI-1 writer. No maintained npm package writes NIfTI-1 (nifti-reader-js and nifti-js only
 * read; NiiVue writes from a WebGL viewer in the browser), so this follows the standard's
 * field offsets directly: little-endian single file (`n+1`), vox_offset 352, no extensions.
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { NiftiError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { checkNifti, type NiftiToWrite, type NiftiWriteDatatype } from './write-check.js';
import { qformFromAffine } from './qform.js';

export type { NiftiToWrite, NiftiWriteDatatype } from './write-check.js';

const VOX_OFFSET = 352;
const SPACE_CODES = { scanner: 1, aligned: 2, talairach: 3, mni: 4 } as const;
const UNIT_MM = 2;
const UNIT_SEC = 8;

type Setter = (v: DataView, at: number, x: number) => void;
type TypedArrayClass = Uint8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;
const TYPES: Record<NiftiWriteDatatype, { code: number; bytes: number; set: Setter; array: TypedArrayClass }> = {
  uint8: { code: 2, bytes: 1, set: (v, at, x) => v.setUint8(at, x), array: Uint8Array },
  int16: { code: 4, bytes: 2, set: (v, at, x) => v.setInt16(at, x, true), array: Int16Array },
  int32: { code: 8, bytes: 4, set: (v, at, x) => v.setInt32(at, x, true), array: Int32Array },
  float32: { code: 16, bytes: 4, set: (v, at, x) => v.setFloat32(at, x, true), array: Float32Array },
  float64: { code: 64, bytes: 8, set: (v, at, x) => v.setFloat64(at, x, true), array: Float64Array },
};
/**
 * Encodes an image as the bytes of an uncompressed `.nii`: the affine as sform (float32) and
 * as qform (nearest rotation, see qform.ts), both with the code of `space` (default MNI);
 * pixdim from the column norms (and the TR); units mm (+ s with a TR); no scaling. Bad input
 * (length ≠ shape, values a datatype cannot hold, singular affine, long texts) throws a
 * NiftiError naming `file` (default `<image>`).
 */
export function encodeNifti1(img: NiftiToWrite, file = '<image>'): Uint8Array {
  const header = encodeNifti1Header(img, file);
  const type = TYPES[img.datatype];
  const { data } = img;
  const out = new Uint8Array(VOX_OFFSET + data.length * type.bytes);
  out.set(header);
  if (data instanceof type.array && LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), VOX_OFFSET);
  } else {
    const view = new DataView(out.buffer);
    for (let i = 0, at = VOX_OFFSET; i < data.length; i++, at += type.bytes) type.set(view, at, data[i]);
  }
  return out;
}

/**
 * The first 352 bytes of `encodeNifti1(img)` (header and empty extension flag), after the same
 * checks: for a caller that keeps the data little-endian in place after them.
 */
export function encodeNifti1Header(img: NiftiToWrite, file = '<image>'): Uint8Array {
  const type = TYPES[img.datatype];
  // A typed array of the stored type holds only storable values: no per-value check.
  checkNifti(img, file, !(img.data instanceof type.array));
  const out = new Uint8Array(VOX_OFFSET);
  const view = new DataView(out.buffer);
  const f32 = (at: number, x: number) => view.setFloat32(at, x, true);
  const i16 = (at: number, x: number) => view.setInt16(at, x, true);

  const q = qformFromAffine(img.affine);
  const code = SPACE_CODES[img.space ?? 'mni'];
  view.setInt32(0, 348, true);
  [img.shape.length, ...img.shape, 1, 1, 1, 1, 1, 1, 1].slice(0, 8).forEach((d, i) => i16(40 + 2 * i, d));
  i16(68, img.intent?.code ?? 0);
  i16(70, type.code);
  i16(72, type.bytes * 8);
  const pixdim = [q.qfac, ...q.zooms, img.tr ?? 0, 1, 1, 1];
  pixdim.forEach((p, i) => f32(76 + 4 * i, p));
  f32(108, VOX_OFFSET);
  f32(112, 1); // scl_slope: values are stored as given
  f32(116, 0);
  view.setUint8(123, UNIT_MM | (img.tr !== undefined ? UNIT_SEC : 0));
  if (img.calRange) {
    f32(124, img.calRange[1]);
    f32(128, img.calRange[0]);
  }
  out.set(Buffer.from(img.description ?? '', 'utf8'), 148);
  i16(252, code);
  i16(254, code);
  [...q.quatern, ...q.qoffset].forEach((x, i) => f32(256 + 4 * i, x));
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) f32(280 + 4 * (4 * r + c), img.affine[r][c]);
  out.set(Buffer.from(img.intent?.name ?? '', 'latin1'), 328);
  out.set(Buffer.from('n+1\0', 'latin1'), 344);
  return out;
}

/** True on little-endian hosts, where typed arrays already hold NIfTI's byte order. */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const gzipAsync = promisify(gzip);

/**
 * Writes `img` to `file` atomically (temp file, then rename): gzipped when the name ends in
 * `.gz`. The name must end in `.nii` or `.nii.gz`, since the file is a single-file NIfTI-1.
 */
export async function writeNifti(file: string, img: NiftiToWrite): Promise<void> {
  if (!/\.nii(\.gz)?$/i.test(file)) {
    throw new NiftiError('NIFTI_WRITE_NAME', file, 'file name', file, 'a name ending in .nii or .nii.gz (single-file NIfTI-1)');
  }
  const bytes = encodeNifti1(img, file);
  await writeFileAtomic(file, /\.gz$/i.test(file) ? await gzipAsync(bytes) : bytes);
}
