import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NiftiError } from '../../src/errors.js';
import { encodeNifti1, encodeNifti1Header, imageStats, readNifti, writeNifti, type NiftiToWrite } from '../../src/nifti/index.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir } from '../helpers/temp-tree.js';

const MNI_4MM = [[-4, 0, 0, 90], [0, 4, 0, -126], [0, 0, 4, -72], [0, 0, 0, 1]];

/** Rotation matrix about axis x (0), y (1) or z (2) by `deg` degrees, as a 4×4. */
function rot(axis: number, deg: number): number[][] {
  const [c, s] = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const [a, b] = [(axis + 1) % 3, (axis + 2) % 3];
  const m = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
  m[a][a] = c;
  m[a][b] = -s;
  m[b][a] = s;
  m[b][b] = c;
  return m;
}
const mul = (a: number[][], b: number[][]) => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const diag = (x: number, y: number, z: number, t: number[] = [0, 0, 0]) => [[x, 0, 0, t[0]], [0, y, 0, t[1]], [0, 0, z, t[2]], [0, 0, 0, 1]];

function image(over: Partial<NiftiToWrite> = {}): NiftiToWrite {
  const shape = over.shape ?? [3, 4, 5];
  const n = shape.reduce((p, d) => p * d, 1);
  return { shape, datatype: 'int16', affine: MNI_4MM, data: Array.from({ length: n }, (_, i) => i - 7), ...over };
}

async function roundTrip(img: NiftiToWrite, name = 'x.nii') {
  const file = path.join(await tempDir(), name);
  await writeNifti(file, img);
  return { file, ...(await readNifti(file)) };
}

/** Decodes the qform alone: sform_code patched to 0 so the reader must use the quaternion. */
async function qformAffineOf(img: NiftiToWrite): Promise<number[][]> {
  const bytes = Buffer.from(encodeNifti1(img));
  bytes.writeInt16LE(0, 254);
  const file = path.join(await tempDir(), 'q.nii');
  await writeFile(file, bytes);
  return (await readNifti(file)).header.affine;
}

function expectAffineClose(actual: number[][], expected: number[][], tol = 1e-5) {
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(Math.abs(actual[r][c] - expected[r][c])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[r][c])));
}

describe('encodeNifti1 header fields, read back by the project reader and by byte offsets', () => {
  it('writes a 4-D image with TR, intent, description, cal range and MNI codes', async () => {
    const img = image({ shape: [3, 4, 5, 6], datatype: 'float32', tr: 2, intent: { code: 2005, name: 'importance' }, description: 'region importance', calRange: [0, 1] });
    const { header, file } = await roundTrip(img);
    expect(header).toMatchObject({
      version: 1, pair: false, littleEndian: true, shape: [3, 4, 5, 6], voxOffset: 352, scaling: null, sclSlope: 1, sclInter: 0,
      sformCode: 4, qformCode: 4, spatialUnit: 'mm', timeUnit: 'sec', tr: 2, description: 'region importance', intentCode: 2005,
    });
    expect(header.datatype.name).toBe('float32');
    expect(header.zooms).toEqual([4, 4, 4, 2]);
    expectAffineClose(header.affine, MNI_4MM, 0);
    const raw = readFileSync(file);
    expect(raw.length).toBe(352 + 3 * 4 * 5 * 6 * 4);
    expect(raw.readInt16LE(40)).toBe(4); // dim[0] = rank
    expect(raw.readFloatLE(76)).toBe(-1); // pixdim[0] = qfac: x is flipped
    expect(raw.readUInt8(123)).toBe(2 | 8);
    expect(raw.readFloatLE(124)).toBe(1); // cal_max
    expect(raw.readFloatLE(128)).toBe(0); // cal_min
    expect(raw.toString('latin1', 328, 344).replace(/\0+$/, '')).toBe('importance');
    expect(raw.toString('latin1', 344, 348)).toBe('n+1\0');
  });

  it('writes a 3-D image with rank 3, mm only and the requested space code', async () => {
    const { header, file } = await roundTrip(image({ space: 'scanner' }));
    expect(header.shape).toEqual([3, 4, 5]);
    expect([header.sformCode, header.qformCode, header.timeUnit, header.tr, header.intentCode, header.description]).toEqual([1, 1, 'unknown', null, 0, '']);
    expect(readFileSync(file).readInt16LE(40)).toBe(3);
  });
});

describe('encodeNifti1 values for every datatype', () => {
  const cases: [NiftiToWrite['datatype'], number[], (x: number) => number][] = [
    ['uint8', [0, 1, 128, 255], (x) => x],
    ['int16', [-32768, -1, 0, 32767], (x) => x],
    ['int32', [-2147483648, -5, 0, 2147483647], (x) => x],
    ['float32', [-1.5, 0.1, 3.4e38, NaN], Math.fround],
    ['float64', [-1.5, 0.1, 1e300, Math.PI], (x) => x],
  ];
  for (const [datatype, values, stored] of cases) {
    it(`stores ${datatype} values exactly as the datatype holds them`, async () => {
      const data = [...values, ...values].slice(0, 8);
      const { header, data: back } = await roundTrip(image({ shape: [2, 2, 2], datatype, data }));
      expect(header.datatype.name).toBe(datatype);
      expect(Array.from(back)).toEqual(data.map(stored));
    });
  }

  it('encodes the same 352 header bytes alone as in front of the data', () => {
    const img = image({ shape: [3, 4, 5, 2], tr: 2, description: 'x' });
    expect(Buffer.compare(Buffer.from(encodeNifti1Header(img)), Buffer.from(encodeNifti1(img).subarray(0, 352)))).toBe(0);
    expect(() => encodeNifti1Header(image({ data: [1] }))).toThrow(expect.objectContaining({ code: 'NIFTI_WRITE_LENGTH' }));
  });

  it('encodes typed arrays of the stored type (copied as bytes) exactly as plain arrays', () => {
    const arrays = { uint8: Uint8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array };
    for (const [datatype, values] of cases.map(([d, v]) => [d, [...v, ...v].slice(0, 8)] as const)) {
      const typed = arrays[datatype].from(values);
      const plain = Array.from(typed);
      const a = encodeNifti1(image({ shape: [2, 2, 2], datatype, data: typed }));
      const b = encodeNifti1(image({ shape: [2, 2, 2], datatype, data: plain }));
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b)), datatype).toBe(0);
    }
  });

  it('writes .nii.gz gzipped with the same bytes inside', async () => {
    const img = image({ shape: [3, 4, 5, 2], tr: 1.5 });
    const dir = await tempDir();
    const file = path.join(dir, 'map.nii.gz');
    await writeNifti(file, img);
    const raw = await readFile(file);
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]);
    expect(Buffer.compare(gunzipSync(raw), Buffer.from(encodeNifti1(img)))).toBe(0);
    const { header, data } = await readNifti(file);
    expect(header.tr).toBe(1.5);
    expect(Array.from(data)).toEqual(Array.from(img.data));
    expect(await readdir(dir)).toEqual(['map.nii.gz']); // no temp file left
  });
});

describe('encodeNifti1 qform: the nearest rotation of the affine, with qfac for reflections', () => {
  const affines: Record<string, number[][]> = {
    'RAS 2 mm': diag(2, 2, 2, [-90, -126, -72]),
    'LAS 4 mm (x flipped)': MNI_4MM,
    'z flipped, anisotropic': diag(1.5, 2.5, -3, [10, 20, 30]),
    'rotated 30° about z': mul(rot(2, 30), diag(2, 2, 2.2, [5, -7, 9])),
    'oblique (x 12°, y -25°, z 70°) and flipped': mul(mul(mul(rot(0, 12), rot(1, -25)), rot(2, 70)), diag(-3, 3.5, 4, [1, 2, 3])),
    'rotated 180° about y': mul(rot(1, 180), diag(1, 1, 1)),
  };
  for (const [name, affine] of Object.entries(affines)) {
    it(`reproduces a ${name} affine from the qform alone`, async () => {
      expectAffineClose(await qformAffineOf(image({ affine })), affine, 2e-6);
    });
  }

  it('stores the orthogonal polar factor of a sheared affine (U with Uᵀ·M symmetric positive)', async () => {
    const m = [[2, 0.3, 0, 1], [0.1, 2, 0.2, 2], [0, -0.2, 2, 3], [0, 0, 0, 1]];
    const q = await qformAffineOf(image({ affine: m }));
    const zooms = [0, 1, 2].map((j) => Math.hypot(m[0][j], m[1][j], m[2][j]));
    const u = [0, 1, 2].map((i) => [0, 1, 2].map((j) => q[i][j] / zooms[j]));
    const n = [0, 1, 2].map((i) => [0, 1, 2].map((j) => m[i][j] / zooms[j]));
    const utu = mul(u.map((_, i) => u.map((row) => row[i])), u);
    const utn = mul(u.map((_, i) => u.map((row) => row[i])), n);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(utu[i][j]).toBeCloseTo(i === j ? 1 : 0, 6);
        expect(utn[i][j]).toBeCloseTo(utn[j][i], 6);
      }
      expect(utn[i][i]).toBeGreaterThan(0);
      expect(q[i][3]).toBeCloseTo(m[i][3], 6);
    }
  });
});

describe('writeNifti agrees with nibabel on a real image written back', () => {
  interface Ref { file: string; shape: number[]; affine: number[][]; sum: number; min: number; max: number; samples_fortran_order: Record<string, number> }
  const refs: Ref[] = JSON.parse(readFileSync(shared('nifti', 'reference.json'), 'utf8'));

  for (const name of ['example4d.nii.gz', 'anatomical.nii']) {
    it(`rewrites ${name} (through our writer) with nibabel's shape, affine, qform and data`, async () => {
      const ref = refs.find((r) => r.file === name)!;
      const src = await readNifti(shared('nifti', name));
      const img: NiftiToWrite = { shape: src.header.shape, datatype: 'int16', affine: src.header.affine, data: src.data, space: 'scanner', tr: src.header.tr ?? undefined };
      const file = path.join(await tempDir(), 'copy.nii.gz');
      await writeNifti(file, img);
      const back = await readNifti(file);
      expect(back.header.shape).toEqual(ref.shape);
      expectAffineClose(back.header.affine, ref.affine, 1e-4);
      // a = √(1 − b² − c² − d²) from float32 b, c, d loses ~1e-4 near 180° rotations (any x-flipped image).
      expectAffineClose(await qformAffineOf(img), ref.affine, 3e-4);
      for (const [i, v] of Object.entries(ref.samples_fortran_order)) expect(back.data[Number(i)]).toBe(v);
      const { stats } = await imageStats(file);
      expect([stats.sum, stats.min, stats.max]).toEqual([ref.sum, ref.min, ref.max]);
    });
  }

  it('writes the same qform fields as the scanner file example4d.nii.gz carries', async () => {
    const original = gunzipSync(readFileSync(shared('nifti', 'example4d.nii.gz')));
    const src = await readNifti(shared('nifti', 'example4d.nii.gz'));
    const ours = Buffer.from(encodeNifti1({ shape: src.header.shape, datatype: 'int16', affine: src.header.affine, data: src.data }));
    // pixdim[0..3], then quatern_b..d and qoffset_x..z.
    for (const at of [76, 80, 84, 88, 256, 260, 264, 268, 272, 276]) expect(ours.readFloatLE(at)).toBeCloseTo(original.readFloatLE(at), 6);
  });
});

describe('encodeNifti1 refuses what NIfTI-1 cannot store as given', () => {
  const bad: [string, Partial<NiftiToWrite>, string][] = [
    ['data length differs from the shape', { data: [1, 2, 3] }, 'NIFTI_WRITE_LENGTH'],
    ['a 2-D shape', { shape: [3, 4], data: new Array(12).fill(0) }, 'NIFTI_WRITE_SHAPE'],
    ['int16 value out of range', { data: Array.from({ length: 60 }, (_, i) => (i === 9 ? 40000 : 0)) }, 'NIFTI_WRITE_VALUE'],
    ['uint8 negative value', { datatype: 'uint8', data: Array.from({ length: 60 }, (_, i) => (i === 3 ? -1 : 0)) }, 'NIFTI_WRITE_VALUE'],
    ['int32 fraction', { datatype: 'int32', data: Array.from({ length: 60 }, (_, i) => (i === 3 ? 0.5 : 0)) }, 'NIFTI_WRITE_VALUE'],
    ['int16 NaN', { data: Array.from({ length: 60 }, (_, i) => (i === 3 ? NaN : 0)) }, 'NIFTI_WRITE_VALUE'],
    ['float32 overflow', { datatype: 'float32', data: Array.from({ length: 60 }, (_, i) => (i === 3 ? 1e39 : 0)) }, 'NIFTI_WRITE_VALUE'],
    ['singular affine', { affine: [[1, 0, 0, 0], [2, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] }, 'NIFTI_WRITE_AFFINE'],
    ['affine with a bad last row', { affine: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]] }, 'NIFTI_WRITE_AFFINE'],
    ['description over 79 bytes', { description: 'x'.repeat(80) }, 'NIFTI_WRITE_DESCRIPTION'],
    ['intent name over 15 characters', { intent: { code: 2005, name: 'x'.repeat(16) } }, 'NIFTI_WRITE_INTENT'],
    ['TR of zero', { tr: 0 }, 'NIFTI_WRITE_TR'],
  ];
  for (const [what, over, code] of bad) {
    it(`throws ${code} for ${what}`, () => {
      expect(() => encodeNifti1(image(over), 'out.nii')).toThrow(expect.objectContaining({ code, file: 'out.nii' }));
      expect(() => encodeNifti1(image(over))).toThrow(NiftiError);
    });
  }

  it('names the offending voxel in the message and leaves no file behind', async () => {
    const file = path.join(await tempDir(), 'bad.nii');
    const data = Array.from({ length: 60 }, (_, i) => (i === 9 ? 40000 : 0));
    await expect(writeNifti(file, image({ data }))).rejects.toThrow(`${file}: data[9] = 40000; expected a whole number from -32768 to 32767 for int16`);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a name that is not .nii or .nii.gz', async () => {
    await expect(writeNifti(path.join(await tempDir(), 'x.img'), image())).rejects.toThrow(expect.objectContaining({ code: 'NIFTI_WRITE_NAME' }));
  });
});
