import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ProvenanceFile } from './context.js';

/** Size and SHA-256 of a file, streamed so a large dataset is never held in memory. */
export async function describeFile(role: string, file: string): Promise<ProvenanceFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { role, path: file, bytes, sha256: hash.digest('hex') };
}

/** `describeFile` for the files that exist; absent optional inputs are left out. */
export async function describeExisting(entries: [role: string, file: string][]): Promise<ProvenanceFile[]> {
  const present = await Promise.all(entries.map(([, f]) => stat(f).then((s) => s.isFile(), () => false)));
  const out: ProvenanceFile[] = [];
  for (const [i, [role, file]] of entries.entries()) if (present[i]) out.push(await describeFile(role, file));
  return out;
}
