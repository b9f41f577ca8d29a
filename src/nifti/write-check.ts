import { NiftiError } from '../errors.js';
import { invertAffine } from './affine.js';

export type NiftiWriteDatatype = 'uint8' | 'int16' | 'int32' | 'float32' | 'float64';

/** An image to write as NIfTI-1. */
export interface NiftiToWrite {
  /** 3-D or 4-D, x fastest in `data`. */
  shape: number[];
  datatype: NiftiWriteDatatype;
  /** 4×4 voxel → world (mm); stored as sform and as qform (nearest rotation). */
  affine: number[][];
  /** Values as stored: whole numbers in range for integer datatypes (nothing is rounded). */
  data: ArrayLike<number>;
  /** sform/qform code: scanner 1, aligned 2, talairach 3, mni 4 (default). */
  space?: 'scanner' | 'aligned' | 'talairach' | 'mni';
  /** Seconds, in pixdim[4]; xyzt_units becomes mm + s. */
  tr?: number;
  /** e.g. `{ code: 2005 (NIFTI_INTENT_ESTIMATE), name: 'importance' }`; name ≤ 15 ASCII characters. */
  intent?: { code: number; name: string };
  /** descrip, at most 79 bytes of UTF-8. */
  description?: string;
  /** [cal_min, cal_max]: the display range viewers start with. */
  calRange?: [number, number];
}

const RANGES: Partial<Record<NiftiWriteDatatype, [number, number]>> = {
  uint8: [0, 255],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};
const FLOAT32_MAX = 3.4028234663852886e38;
const SPACES = ['scanner', 'aligned', 'talairach', 'mni'];

/**
 * Throws a NiftiError for the first thing in `img` that NIfTI-1 cannot store as given;
 * `values` false skips the per-value check (data already of the stored type).
 */
export function checkNifti(img: NiftiToWrite, file: string, values = true): void {
  const fail = (code: string, field: string, value: unknown, expected: string): never => {
    throw new NiftiError(code, file, field, value, expected);
  };
  const { shape, datatype, affine, data } = img;
  if (!Array.isArray(shape) || (shape.length !== 3 && shape.length !== 4)) fail('NIFTI_WRITE_SHAPE', 'shape', shape, 'a 3-D or 4-D shape');
  shape.forEach((n, i) => {
    if (!Number.isInteger(n) || n < 1 || n > 32767) fail('NIFTI_WRITE_SHAPE', `shape[${i}]`, n, 'a whole number from 1 to 32767 (NIfTI-1 dim is int16)');
  });
  if (!(datatype in RANGES) && datatype !== 'float32' && datatype !== 'float64') {
    fail('NIFTI_WRITE_DATATYPE', 'datatype', datatype, 'uint8, int16, int32, float32 or float64');
  }
  const count = shape.reduce((p, n) => p * n, 1);
  if (data.length !== count) fail('NIFTI_WRITE_LENGTH', 'data length', data.length, `${count} values (shape ${shape.join('×')})`);
  checkAffine(affine, fail);
  if (img.space !== undefined && !SPACES.includes(img.space)) fail('NIFTI_WRITE_SPACE', 'space', img.space, SPACES.join(', '));
  if (img.tr !== undefined && !(Number.isFinite(img.tr) && img.tr > 0)) fail('NIFTI_WRITE_TR', 'tr', img.tr, 'a number of seconds > 0');
  if (img.intent) {
    const { code, name } = img.intent;
    if (!Number.isInteger(code) || code < 0 || code > 32767) fail('NIFTI_WRITE_INTENT', 'intent code', code, 'a whole number from 0 to 32767');
    if (!/^[\x20-\x7e]{0,15}$/.test(name)) fail('NIFTI_WRITE_INTENT', 'intent name', name, 'at most 15 printable ASCII characters');
  }
  const descrip = img.description ?? '';
  if (Buffer.byteLength(descrip, 'utf8') > 79 || descrip.includes('\0')) {
    fail('NIFTI_WRITE_DESCRIPTION', 'description', descrip, 'at most 79 bytes of UTF-8 text without NUL');
  }
  if (img.calRange) {
    const [lo, hi] = img.calRange;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi && Math.abs(lo) <= FLOAT32_MAX && Math.abs(hi) <= FLOAT32_MAX)) {
      fail('NIFTI_WRITE_CAL', 'calRange', img.calRange, '[min, max] finite float32 numbers with min ≤ max');
    }
  }
  if (values) checkValues(data, datatype, fail);
}

function checkAffine(affine: number[][], fail: (c: string, f: string, v: unknown, e: string) => never): void {
  const square = Array.isArray(affine) && affine.length === 4 && affine.every((row) => Array.isArray(row) && row.length === 4);
  if (!square || !affine.flat().every(Number.isFinite)) fail('NIFTI_WRITE_AFFINE', 'affine', affine, 'a 4×4 matrix of finite numbers');
  const last = affine[3];
  if (last[0] !== 0 || last[1] !== 0 || last[2] !== 0 || last[3] !== 1) fail('NIFTI_WRITE_AFFINE', 'affine row 4', last, '[0, 0, 0, 1]');
  if (!invertAffine(affine)) fail('NIFTI_WRITE_AFFINE', 'affine', affine, 'an invertible voxel → world affine (this one is singular)');
  if (!affine.flat().every((x) => Math.abs(x) <= FLOAT32_MAX)) fail('NIFTI_WRITE_AFFINE', 'affine', affine, 'values within float32 range');
}

function checkValues(data: ArrayLike<number>, datatype: NiftiWriteDatatype, fail: (c: string, f: string, v: unknown, e: string) => never): void {
  const range = RANGES[datatype];
  if (range) {
    const [lo, hi] = range;
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      // Negated so NaN fails too.
      if (!(x >= lo && x <= hi && Math.floor(x) === x)) {
        fail('NIFTI_WRITE_VALUE', `data[${i}]`, x, `a whole number from ${lo} to ${hi} for ${datatype} (round or choose a float datatype)`);
      }
    }
  } else if (datatype === 'float32') {
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      if (Math.abs(x) > FLOAT32_MAX && Number.isFinite(x)) fail('NIFTI_WRITE_VALUE', `data[${i}]`, x, 'a value within float32 range (or choose float64)');
    }
  }
}
