import { toLittleEndian } from './f32-bytes.js';

/** A row-major [rows × cols] matrix as little-endian float32 bytes in base64 (the contract's f32Matrix). */
export interface F32Base64 {
  rows: number;
  cols: number;
  data: string;
}

/** Encodes `values` (Float64 ones are rounded to float32) without a per-value JS object. */
export function f32Base64(values: Float32Array | Float64Array, rows: number, cols: number): F32Base64 {
  if (values.length !== rows * cols) throw new Error(`${values.length} values do not fill a ${rows} × ${cols} matrix`);
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  const bytes = toLittleEndian(f32);
  return { rows, cols, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/** The float32 values of an f32Base64 matrix (what a client decodes). */
export function fromF32Base64(m: F32Base64): Float32Array {
  const bytes = Buffer.from(m.data, 'base64');
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  const out = new Float32Array(copy.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
