import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { atlasChoice, studySource } from '../api/index.js';
import type { AtlasChoice } from '../app/atlas.js';
import type { StudySource } from '../app/build-dataset.js';
import { workspacePath, type WorkspaceFolder } from '../app/layout.js';
import type { ServiceContext } from './context.js';
import { ServiceInputError } from './errors.js';

/**
 * The study a request names by handle: a folder is a BIDS/fMRIPrep study (optionally one
 * `space`), a file a run manifest (where a space means nothing, so it is refused).
 */
export async function studyInput(request: z.output<typeof studySource>, ctx: ServiceContext): Promise<StudySource> {
  const at = await ctx.files.resolve(request.source, { field: 'source' });
  if ((await stat(at)).isDirectory()) return { dir: at, ...(request.space === undefined ? {} : { space: request.space }) };
  if (request.space !== undefined) throw new ServiceInputError('STUDY_SPACE', at, 'space', request.space, 'no space for a run manifest (spaces name the images of a BIDS folder)');
  return { manifest: at };
}

/** The atlas a request names by handles (absent: the bundled AAL). */
export async function atlasInput(choice: z.output<typeof atlasChoice> | undefined, ctx: ServiceContext): Promise<AtlasChoice | undefined> {
  if (!choice) return undefined;
  return {
    labels: await ctx.files.resolve(choice.labels, { field: 'atlas.labels', kind: 'file' }),
    ...(choice.names === undefined ? {} : { names: await ctx.files.resolve(choice.names, { field: 'atlas.names', kind: 'file' }) }),
    ...(choice.allowUnnamed === undefined ? {} : { allowUnnamed: choice.allowUnnamed }),
  };
}

/** An entry of the current workspace by kind and name (a job's target): the only way a request names an output. */
export function workspaceEntry(ctx: ServiceContext, kind: WorkspaceFolder, name: string, field = 'name') {
  return { name, path: workspacePath(ctx.workspace().root, kind, name), field };
}
