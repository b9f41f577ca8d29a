import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Writes a copy of a little-endian NIfTI-1 `.nii.gz` with `scl_slope` set to `slope`: a run
 * with data of its own (studies refuse exact copies) whose z-scored region means equal the
 * original's, so reference values still apply.
 */
export async function writeRescaledCopy(src: string, dest: string, slope: number): Promise<void> {
  const bytes = gunzipSync(await readFile(src));
  if (bytes.readInt32LE(0) !== 348) throw new Error(`${src} is not a little-endian NIfTI-1 file`);
  bytes.writeFloatLE(slope, 112);
  await writeFile(dest, gzipSync(bytes, { level: 1 }));
}
