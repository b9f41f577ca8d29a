import type { ApiEvent } from '../api/index.js';
import { createWorkspace, type Workspace } from '../app/workspace.js';
import type { ServiceContext } from './context.js';
import { dispatcher } from './dispatch.js';
import { createFileHandles } from './file-handles.js';
import { resolveFolderFile } from './handlers/files.js';
import { HANDLERS } from './handlers/index.js';
import { createJobRegistry } from './job-registry.js';
import type { Service, ServiceOptions } from './types.js';

/**
 * The app behind every transport: opens (or makes) the workspace, then answers each call
 * through its channel's handler (src/app operations; long ones as jobs in the worker), every
 * request and response checked against the contract, every failure an answer (`ok: false`
 * with the error as data), never a rejection.
 */
export async function createService(options: ServiceOptions): Promise<Service> {
  let workspace: Workspace = await createWorkspace(options.workspace);
  const listeners = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        process.stderr.write(`saliency-studio: an event listener failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  };
  const files = createFileHandles(workspace.root, { roots: options.roots });
  const jobs = createJobRegistry(emit);
  const ctx: ServiceContext = {
    options, files, jobs, emit,
    workspace: () => workspace,
    async switchWorkspace(folder) {
      workspace = await createWorkspace(folder);
      files.setWorkspace(workspace.root);
      return workspace;
    },
  };
  return {
    call: dispatcher(HANDLERS, ctx),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    issueHandle: (absolutePath) => files.issue(absolutePath, { grant: true }),
    resolveFile: (handle, file) => resolveFolderFile(files, handle, file),
    close: () => jobs.close(),
  };
}
