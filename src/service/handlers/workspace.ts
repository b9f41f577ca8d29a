import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { workspacePath } from '../../app/layout.js';
import { listWorkspace } from '../../app/workspace-list.js';
import type { Handlers, ServiceContext } from '../context.js';
import type { FileHandles } from '../file-handles.js';

/** `workspace.open` switches the service to the folder's workspace; `workspace.list` is what it holds. */
export const workspaceHandlers: Handlers<'workspace.open' | 'workspace.list'> = {
  'workspace.open': async ({ folder }, ctx) => {
    const ws = await ctx.switchWorkspace(await ctx.files.resolve(folder, { field: 'folder', kind: 'folder' }));
    ctx.emit({ kind: 'workspace.changed' });
    return { path: ws.root, createdAt: ws.createdAt };
  },
  'workspace.list': async (_request, ctx) => {
    const ws = ctx.workspace();
    const listing = await listWorkspace(ws);
    return { workspace: { path: ws.root, createdAt: ws.createdAt }, studies: await studies(ctx), ...listing };
  },
};

/** The studies kept in the workspace (`studies/*`), each with a handle to open it by. */
async function studies(ctx: ServiceContext) {
  const root = ctx.workspace().root;
  const dir = workspacePath(root, 'studies');
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => studyRow(ctx.files, root, path.join(dir, name)));
}

/** A workspace study as the listing and the demo job report it: its name, path relative to the workspace, handle. */
export function studyRow(files: FileHandles, root: string, dir: string) {
  return { name: path.basename(dir), path: path.relative(root, dir).split(path.sep).join('/'), handle: files.issue(dir) };
}
