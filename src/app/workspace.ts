import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readOptionalVersionedJson, str, type Fail } from '../util/check.js';
import { withFolderLock } from '../util/folder-lock.js';
import { WorkspaceError } from './errors.js';
import { WORKSPACE_FOLDERS, WORKSPACE_JSON } from './layout.js';

const FORMAT = 'saliency-studio-workspace';
const VERSION = 1;

/**
 * A folder holding a user's studies, datasets, runs (with their saliency results) and reports,
 * in the folders layout.ts names. Every path stored inside is relative, so the folder can be
 * moved or copied and still opens.
 */
export interface Workspace {
  /** Absolute, where it was opened (never stored). */
  root: string;
  createdAt: string;
}

/**
 * Makes `dir` a workspace: its layout folders and workspace.json (written atomically, under the
 * folder's lock). A folder that already is one is opened as it is.
 */
export async function createWorkspace(dir: string): Promise<Workspace> {
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true });
  await withFolderLock(root, 'create workspace', async () => {
    for (const name of Object.values(WORKSPACE_FOLDERS)) await mkdir(path.join(root, name), { recursive: true });
    if (await readMarker(root)) return;
    const marker = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString() };
    await writeFileAtomic(path.join(root, WORKSPACE_JSON), JSON.stringify(marker, null, 2) + '\n');
  });
  return openWorkspace(root);
}

/** Opens the workspace at `dir`, checking its workspace.json. */
export async function openWorkspace(dir: string): Promise<Workspace> {
  const root = path.resolve(dir);
  const marker = await readMarker(root);
  if (!marker) {
    throw new WorkspaceError('WORKSPACE_MISSING', path.join(root, WORKSPACE_JSON), 'path', 'absent', 'a workspace folder (made with createWorkspace)');
  }
  return { root, createdAt: marker.createdAt };
}

/** workspace.json checked, or null where there is none. */
async function readMarker(root: string): Promise<{ createdAt: string } | null> {
  const file = path.join(root, WORKSPACE_JSON);
  const fail: Fail = (field, value, expected) => {
    throw new WorkspaceError('WORKSPACE_FILE', file, field, value, expected);
  };
  // Version 1 is the only one yet; a later app bumps it, and this one refuses what it cannot read.
  const o = await readOptionalVersionedJson(file, FORMAT, fail);
  if (o === null) return null;
  return { createdAt: str(o, 'createdAt', fail) };
}

/** The workspace `dir` lies in (the nearest folder above it holding workspace.json), or null. */
export async function findWorkspaceRoot(dir: string): Promise<string | null> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (await readFile(path.join(at, WORKSPACE_JSON)).then(() => true, () => false)) return at;
    if (path.dirname(at) === at) return null;
  }
}
