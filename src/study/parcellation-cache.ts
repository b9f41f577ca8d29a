import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parcellate, type Atlas, type ParcellationResult } from '../atlas/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** What a study needs from a parcellation, and what the cache keeps. */
export type ParcellationSeries = Pick<ParcellationResult, 'regions' | 'volumes' | 'tr' | 'means' | 'warnings'>;

const MAGIC = 'SSPC';
// 2: entries keep the parcellation's warnings (non-finite voxels), so a cache hit reports them too.
const FORMAT = 2;

/**
 * Identity of a parcellation: the bold file and the atlas files by path, size and mtime. A
 * file edited in place gets a new mtime, so its stale entry is never used.
 */
async function cacheKey(bold: string, atlas: Atlas): Promise<string> {
  const id = async (file: string) => {
    const s = await stat(file);
    return { file: path.resolve(file), size: s.size, mtimeMs: s.mtimeMs };
  };
  return JSON.stringify({
    format: FORMAT, bold: await id(bold), atlas: await id(atlas.file), names: atlas.namesFile ? await id(atlas.namesFile) : null,
  });
}

function entryPath(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.parc`);
}

/**
 * The cached parcellation of `bold` with `atlas`, or null when there is none for the files as
 * they are now. A damaged or foreign entry is a miss (it gets rewritten), never an error:
 * the cache only saves time.
 */
export async function lookupParcellation(bold: string, atlas: Atlas, cacheDir: string): Promise<ParcellationSeries | null> {
  const key = await cacheKey(bold, atlas);
  const bytes = await readFile(entryPath(cacheDir, key)).catch(() => null);
  return bytes ? decodeEntry(bytes, key, atlas) : null;
}

/**
 * Parcellates `bold`, reading the cache in `cacheDir` first and filling it after (no cache
 * when `cacheDir` is undefined). `fromCache` says whether the image was read.
 */
export async function parcellateCached(
  bold: string, atlas: Atlas, options: { cacheDir?: string; onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<{ series: ParcellationSeries; fromCache: boolean }> {
  const { cacheDir, onProgress, signal } = options;
  if (cacheDir) {
    const hit = await lookupParcellation(bold, atlas, cacheDir);
    if (hit) return { series: hit, fromCache: true };
  }
  const key = cacheDir ? await cacheKey(bold, atlas) : '';
  const result = await parcellate(bold, atlas, { onProgress, signal });
  const series: ParcellationSeries = { regions: result.regions, volumes: result.volumes, tr: result.tr, means: result.means, warnings: result.warnings };
  // The key is taken before reading, so a file changed during parcellation is not cached as new.
  if (cacheDir) await writeFileAtomic(entryPath(cacheDir, key), encodeEntry(key, series));
  return { series, fromCache: false };
}

/** Layout: "SSPC", u32 format, u32 JSON length, JSON, zero padding to 8, float64 LE region-major. */
function encodeEntry(key: string, s: ParcellationSeries): Uint8Array {
  const json = Buffer.from(JSON.stringify({ key, regions: s.regions, volumes: s.volumes, tr: s.tr, warnings: s.warnings }), 'utf8');
  const dataStart = Math.ceil((12 + json.length) / 8) * 8;
  const out = Buffer.alloc(dataStart + s.regions.length * s.volumes * 8);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(FORMAT, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  s.means.forEach((series, r) => series.forEach((v, t) => out.writeDoubleLE(v, dataStart + (r * s.volumes + t) * 8)));
  return out;
}

function decodeEntry(bytes: Buffer, key: string, atlas: Atlas): ParcellationSeries | null {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT) return null;
  const jsonLength = bytes.readUInt32LE(8);
  if (12 + jsonLength > bytes.length) return null;
  let meta: { key: string; regions: ParcellationResult['regions']; volumes: number; tr: number | null; warnings?: unknown };
  try {
    meta = JSON.parse(bytes.toString('utf8', 12, 12 + jsonLength));
  } catch {
    return null;
  }
  const dataStart = Math.ceil((12 + jsonLength) / 8) * 8;
  const sameRegions = meta.regions?.length === atlas.regions.length
    && meta.regions.every((r, i) => r.label === atlas.regions[i].label && r.name === atlas.regions[i].name);
  if (meta.key !== key || !sameRegions || bytes.length !== dataStart + meta.regions.length * meta.volumes * 8) return null;
  const means = meta.regions.map((_, r) => {
    const series = new Float64Array(meta.volumes);
    for (let t = 0; t < meta.volumes; t++) series[t] = bytes.readDoubleLE(dataStart + (r * meta.volumes + t) * 8);
    return series;
  });
  const warnings = Array.isArray(meta.warnings) && meta.warnings.every((w) => typeof w === 'string') ? meta.warnings : null;
  if (!warnings) return null;
  return { regions: meta.regions, volumes: meta.volumes, tr: meta.tr, means, warnings };
}
