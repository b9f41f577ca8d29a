import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import type { ReportContext } from '../../src/report/context.js';
import { encodeNpy, saliencyIndex, saliencyNpy } from '../../src/report/npy.js';
import { openReportContext } from '../../src/report/open-context.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { CLASSES, KNOWN_MAPS, TR, writeKnownRun } from './helpers/known-run.js';
import { pythonFor, runPythonJson } from './helpers/python.js';

/** Reads a v1.0 .npy by the format's description: magic, version, uint16 header length, dict, data. */
function parseNpy(bytes: Uint8Array): { version: number[]; header: string; dataOffset: number; values: Float32Array } {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 6)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
  const headerLength = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + headerLength).toString('latin1');
  const dataOffset = 10 + headerLength;
  const values = new Float32Array((buf.length - dataOffset) / 4);
  for (let i = 0; i < values.length; i++) values[i] = buf.readFloatLE(dataOffset + 4 * i);
  return { version: [buf[6], buf[7]], header, dataOffset, values };
}

let ctx: ReportContext;
let root: string;
beforeAll(async () => {
  root = await suiteTempDir();
  const { runDir } = await writeKnownRun(root);
  ctx = await openReportContext({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) });
});

describe('npy encoding', () => {
  it('writes a version 1.0 header describing little-endian float32 in C order, padded to 64 bytes', () => {
    const npy = parseNpy(saliencyNpy(ctx));
    expect(npy.version).toEqual([1, 0]);
    expect(npy.dataOffset % 64).toBe(0);
    expect(npy.header.endsWith('\n')).toBe(true);
    expect(npy.header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 3), }");
  });

  it('stores the signed maps in (sample, time, region) order', () => {
    expect([...parseNpy(saliencyNpy(ctx)).values]).toEqual(KNOWN_MAPS.flat(2));
  });

  it('writes a one-dimensional shape with its trailing comma and rejects a shape that does not fit', () => {
    expect(parseNpy(encodeNpy(Float32Array.of(1.5, -2), [2])).header.trimEnd()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }");
    expect(() => encodeNpy(Float32Array.of(1, 2, 3), [2, 2])).toThrow(/shape \[2,2\] does not hold 3 values/);
  });
});

describe('saliency index', () => {
  it('names every sample, step, region and class of the array', () => {
    const index = saliencyIndex(ctx) as Record<string, any>;
    expect(index.shape).toEqual([2, 2, 3]);
    expect(index.axes).toEqual(['sample', 'time', 'region']);
    expect(index.classes).toEqual(CLASSES);
    expect(index.samples).toEqual([
      { position: 0, datasetIndex: 2, subject: 's2', session: null, run: '1', task: 'motor', onsetSeconds: 0, split: 'test', label: 0, labelName: 'motor', target: 0, predicted: 0, predictedName: 'motor', probability: 0.6 },
      { position: 1, datasetIndex: 3, subject: 's2', session: null, run: '1', task: 'rest', onsetSeconds: 4, split: 'test', label: 1, labelName: 'rest', target: 1, predicted: 0, predictedName: 'motor', probability: 0.3 },
    ]);
    expect(index.time).toMatchObject({ tr: TR, volumes: [0, 1], seconds: [0, 2] });
    expect(index.regions).toEqual([{ index: 0, label: 1, name: 'Precentral_L' }, { index: 1, label: 2, name: 'Precentral_R' }, { index: 2, label: 3, name: 'Frontal_Sup_L' }]);
    expect(index.method).toBe('grad');
  });
});

const numpy = pythonFor('numpy');

describe.skipIf(!numpy.ok)(`loaded by numpy${numpy.skip}`, () => {
  it(`numpy.load gives float32 (2, 2, 3) equal to the maps${numpy.skip}`, async () => {
    const file = path.join(root, 'saliency.npy');
    await writeFile(file, saliencyNpy(ctx));
    const got = runPythonJson('import json, sys, numpy as np\na = np.load(sys.argv[1])\nprint(json.dumps({"dtype": str(a.dtype), "shape": a.shape, "c": bool(a.flags.c_contiguous), "values": a.tolist()}))', [file]);
    expect(got).toEqual({ dtype: 'float32', shape: [2, 2, 3], c: true, values: KNOWN_MAPS });
  });
});
