import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Atlas } from '../atlas/index.js';
import { defaultAtlasPaths } from '../assets.js';
import { nested, record, str, type Fail } from '../util/check.js';
import { storedPath } from '../util/stored-path.js';

/** One atlas file a dataset was parcellated with: where it is now (absolute) and its SHA-256 then. */
export interface AtlasFileRecord {
  path: string;
  sha256: string;
  /** One of the app's bundled atlas files: stored by name, so it is found wherever the app is installed. */
  bundled: boolean;
}

/** The atlas a dataset's regions come from, so later steps (the report's maps) use the same one. */
export interface DatasetAtlas {
  labels: AtlasFileRecord;
  names: AtlasFileRecord | null;
  /** Whether the names file was allowed to leave labels unnamed (`study --allow-unnamed`). */
  allowUnnamed: boolean;
}

/** How dataset.json stores one file: by bundled name, or by path (relative where possible). */
type StoredFile = { bundled: string; sha256: string } | { path: string; sha256: string };

export interface StoredDatasetAtlas {
  labels: StoredFile;
  names: StoredFile | null;
  allowUnnamed: boolean;
}

const bundledDir = () => path.dirname(defaultAtlasPaths().labels);

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/**
 * The record of the atlas a dataset is being built with, or null when its files cannot be read
 * back (an atlas built in memory): nothing is recorded rather than something unverifiable.
 */
export async function recordAtlas(atlas: Atlas, allowUnnamed: boolean): Promise<DatasetAtlas | null> {
  const one = async (file: string): Promise<AtlasFileRecord | null> => {
    const abs = path.resolve(file);
    const sha256 = await sha256File(abs).catch(() => null);
    return sha256 === null ? null : { path: abs, sha256, bundled: path.dirname(abs) === bundledDir() };
  };
  const labels = await one(atlas.file);
  const names = atlas.namesFile === null ? null : await one(atlas.namesFile);
  if (labels === null || (atlas.namesFile !== null && names === null)) return null;
  return { labels, names, allowUnnamed };
}

/**
 * The atlas as dataset.json stores it: a bundled file by name; another by a path relative to
 * the dataset folder when it lies inside `root` (the workspace, or the dataset's parent folder),
 * so the two move together; an absolute path otherwise (a shared atlas that stays put).
 */
export function storeAtlas(atlas: DatasetAtlas, datasetDir: string, root: string): StoredDatasetAtlas {
  const one = (f: AtlasFileRecord): StoredFile => {
    if (f.bundled) return { bundled: path.basename(f.path), sha256: f.sha256 };
    const rel = path.relative(path.resolve(root), f.path);
    const inside = rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
    return { path: inside ? storedPath(datasetDir, f.path) : f.path, sha256: f.sha256 };
  };
  return { labels: one(atlas.labels), names: atlas.names ? one(atlas.names) : null, allowUnnamed: atlas.allowUnnamed };
}

/** dataset.json's atlas checked field by field and resolved: relative paths against the dataset folder. */
export function readStoredAtlas(value: unknown, datasetDir: string, fail: Fail): DatasetAtlas | null {
  if (value === undefined || value === null) return null;
  const o = record(value, 'atlas', fail);
  const f = nested(fail, 'atlas');
  const one = (v: unknown, field: string): AtlasFileRecord => {
    const e = record(v, field, f);
    const ef = nested(f, field);
    const sha256 = str(e, 'sha256', ef);
    if (!/^[0-9a-f]{64}$/.test(sha256)) ef('sha256', sha256, 'a SHA-256 in hex');
    if (typeof e.bundled === 'string') {
      if (path.basename(e.bundled) !== e.bundled) ef('bundled', e.bundled, 'the name of a bundled atlas file');
      return { path: path.join(bundledDir(), e.bundled), sha256, bundled: true };
    }
    return { path: path.resolve(datasetDir, str(e, 'path', ef)), sha256, bundled: false };
  };
  if (typeof o.allowUnnamed !== 'boolean') f('allowUnnamed', o.allowUnnamed, 'true or false');
  return { labels: one(o.labels, 'labels'), names: o.names === null || o.names === undefined ? null : one(o.names, 'names'), allowUnnamed: o.allowUnnamed as boolean };
}
