import path from 'node:path';
import { listFolder } from './fs-entries.js';

const ENTITY = /^([a-zA-Z]+)-([a-zA-Z0-9]+)$/;

/**
 * BIDS entities of a file name ending in `ending` (e.g. `_bold.nii.gz`): `sub-01_task-x_bold.nii.gz`
 * → {sub: '01', task: 'x'}. Null when the name is not entity pairs joined by `_`.
 */
export function parseEntities(name: string, ending: string): Map<string, string> | null {
  if (!name.endsWith(ending)) return null;
  const stem = name.slice(0, -ending.length);
  if (stem === '') return null;
  const entities = new Map<string, string>();
  for (const part of stem.split('_')) {
    const m = ENTITY.exec(part);
    if (!m || entities.has(m[1])) return null;
    entities.set(m[1], m[2]);
  }
  return entities;
}

/**
 * Files ending in `ending` that apply to a data file with `entities` under the BIDS
 * inheritance principle: their entities are a subset of the data file's. `folders` are given
 * most specific first; within a folder, files naming more entities come first. The caller
 * takes the first that carries what it needs, so a deeper file overrides a shallower one.
 */
export async function findInherited(folders: readonly string[], entities: Map<string, string>, ending: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    // A level that does not exist has nothing to inherit; an unreadable one is an error.
    const names = (await listFolder(folder)).filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name);
    const applicable = names
      .map((name) => ({ name, e: parseEntities(name, ending) }))
      .filter((f): f is { name: string; e: Map<string, string> } => f.e !== null && [...f.e].every(([k, v]) => entities.get(k) === v))
      .sort((a, b) => b.e.size - a.e.size || (a.name < b.name ? -1 : 1));
    found.push(...applicable.map((f) => path.join(folder, f.name)));
  }
  return found;
}
