import { toLittleEndian } from '../util/f32-bytes.js';
import type { ReportContext } from './context.js';

const MAGIC = [0x93, ...Buffer.from('NUMPY', 'latin1')];
/** numpy aligns the data to 64 bytes (the format allows 16; 64 suits memory mapping). */
const ALIGN = 64;

/**
 * An array as a .npy file, format version 1.0: magic, version, header length (uint16 LE),
 * a Python dict literal (`descr` '<f4', C order, shape), space-padded and `\n`-terminated so
 * the data starts 64-byte aligned, then the values little-endian.
 */
export function encodeNpy(values: Float32Array, shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length || !shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new Error(`npy: shape [${shape}] does not hold ${values.length} values`);
  }
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const preamble = MAGIC.length + 2 + 2;
  const headerLength = Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN - preamble;
  if (headerLength > 0xffff) throw new Error(`npy: header of ${headerLength} bytes needs format 2.0`);
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  const data = toLittleEndian(values);
  const out = new Uint8Array(preamble + headerLength + data.byteLength);
  out.set(MAGIC, 0);
  out.set([1, 0, headerLength & 0xff, headerLength >> 8], MAGIC.length);
  out.set(Buffer.from(header, 'latin1'), preamble);
  out.set(data, preamble + headerLength);
  return out;
}

/** saliency.npy: the maps as computed (signed), shape (samples, time, regions). */
export function saliencyNpy(ctx: Pick<ReportContext, 'saliency'>): Uint8Array {
  const m = ctx.saliency.maps;
  return encodeNpy(m.data, [m.samples, m.time, m.features]);
}

/** saliency_index.json: what each position of saliency.npy's three axes is, and the classes. */
export function saliencyIndex(ctx: Pick<ReportContext, 'saliency' | 'samples' | 'time' | 'regions' | 'classes'>): object {
  const { index, maps } = ctx.saliency;
  return {
    format: 'saliency-studio-saliency-npy-index',
    version: 1,
    file: 'saliency.npy',
    dtype: 'float32',
    shape: [maps.samples, maps.time, maps.features],
    axes: ['sample', 'time', 'region'],
    values: `signed saliency of the target class (${index.method}), as computed; take abs() for magnitude`,
    method: index.method,
    params: index.params,
    classes: ctx.classes,
    samples: ctx.samples.map((s, position) => ({
      position, datasetIndex: s.index, subject: s.subject, session: s.session, run: s.run, task: s.task,
      onsetSeconds: s.onsetSeconds, split: s.split,
      label: s.label, labelName: ctx.classes[s.label], target: s.target, predicted: s.predicted,
      predictedName: ctx.classes[s.predicted], probability: s.probability,
    })),
    time: { tr: ctx.time.tr, volumes: ctx.time.volumes, seconds: ctx.time.seconds, origin: "the window's first volume" },
    regions: ctx.regions.map((r) => ({ index: r.index, label: r.label, name: r.name })),
  };
}
