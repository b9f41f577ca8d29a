import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { NamedWeights } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { array, nested, num, record, str, type Fail } from '../util/check.js';
import { fromLittleEndian, toLittleEndian } from '../util/f32-bytes.js';

/** Where one tensor lies in a weights file. */
export interface TensorEntry {
  name: string;
  shape: number[];
  /** Byte offset in the file. */
  offset: number;
}

/** How a manifest describes its float32 file: enough to check it and slice it back into tensors. */
export interface WeightsFileInfo {
  file: string;
  dtype: 'float32';
  byteOrder: 'little';
  bytes: number;
  sha256: string;
  tensors: TensorEntry[];
}

/** A weights file that is not the one its manifest was saved with: truncated, or replaced by other weights. */
export class WeightsFileError extends InputError {}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Writes all tensors back to back as little-endian float32, atomically; returns the manifest entry. */
export async function writeWeightsFile(dir: string, file: string, weights: NamedWeights): Promise<WeightsFileInfo> {
  const tensors: TensorEntry[] = [];
  const total = Object.values(weights).reduce((n, w) => n + w.values.length, 0);
  const all = new Float32Array(total);
  let at = 0;
  for (const [name, { shape, values }] of Object.entries(weights)) {
    if (values.length !== count(shape)) throw new Error(`weight ${name}: ${values.length} values for shape [${shape.join(', ')}]`);
    tensors.push({ name, shape: shape.slice(), offset: at * 4 });
    all.set(values, at);
    at += values.length;
  }
  const bytes = toLittleEndian(all);
  await writeFileAtomic(path.join(dir, file), bytes);
  return { file, dtype: 'float32', byteOrder: 'little', bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), tensors };
}

/** Checks a manifest entry's shape (not yet the file). */
export function checkWeightsInfo(value: unknown, fail: Fail): WeightsFileInfo {
  const o = record(value, 'weights', fail);
  const f = nested(fail, 'weights');
  const file = str(o, 'file', f);
  if (path.basename(file) !== file) f('file', file, 'a file name beside the manifest');
  if (o.dtype !== 'float32' || o.byteOrder !== 'little') f('dtype', `${o.dtype}/${o.byteOrder}`, 'float32/little');
  const tensors = array(o, 'tensors', f).map((t, i) => {
    const e = record(t, `tensors[${i}]`, f);
    const ef = nested(f, `tensors[${i}]`);
    const shape = array(e, 'shape', ef);
    if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) ef('shape', JSON.stringify(shape), 'non-negative integers');
    return { name: str(e, 'name', ef), shape: shape as number[], offset: num(e, 'offset', ef, { integer: true, min: 0 }) };
  });
  return { file, dtype: 'float32', byteOrder: 'little', bytes: num(o, 'bytes', f, { integer: true, min: 0 }), sha256: str(o, 'sha256', f), tensors };
}

/**
 * Reads the tensors a manifest describes, checking the file's size and SHA-256 against the
 * manifest (`manifest` names it in the error) and every tensor's extent.
 */
export async function readWeightsFile(dir: string, info: WeightsFileInfo, fail: Fail, manifest = 'model.json'): Promise<NamedWeights> {
  const file = path.join(dir, info.file);
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail('weights.file', file, 'the weights file named in the manifest');
    throw err;
  });
  const saved = `the weights this ${manifest} was saved with (the file was truncated or replaced; retrain or restore it)`;
  if (bytes.length !== info.bytes) throw new WeightsFileError('WEIGHTS_SIZE', file, 'size', bytes.length, `${info.bytes} bytes, ${saved}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== info.sha256) throw new WeightsFileError('WEIGHTS_SHA256', file, 'sha256', sha, `${info.sha256}, ${saved}`);
  const values = fromLittleEndian(bytes);
  const weights: NamedWeights = {};
  for (const t of info.tensors) {
    const start = t.offset / 4;
    const end = start + count(t.shape);
    if (t.offset % 4 !== 0 || end > values.length) fail(`weights.tensors.${t.name}`, `[${start}, ${end})`, `a 4-byte aligned extent within ${values.length} values`);
    weights[t.name] = { shape: t.shape.slice(), values: values.slice(start, end) };
  }
  return weights;
}
