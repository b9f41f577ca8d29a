import { z } from 'zod';
import { count, handle, problem } from './common.js';
import { runRow } from './train.js';

export const workspaceInfo = z.strictObject({
  /** Absolute, to show. */
  path: z.string(),
  createdAt: z.string(),
});

const atlasFile = z.strictObject({ path: z.string(), bundled: z.boolean(), sha256: z.string() });

export const datasetRow = z.strictObject({
  name: z.string(), path: z.string(), problem: z.string().optional(),
  classes: z.array(z.string()).optional(), regions: count.optional(), samples: count.optional(),
  atlas: z.strictObject({ labels: atlasFile, names: atlasFile.nullable(), allowUnnamed: z.boolean() }).nullable().optional(),
});

/** A study kept in the workspace (the demo study, or one copied in), openable by handle. */
export const studyRow = z.strictObject({ name: z.string(), path: z.string(), handle });

export const workspaceListing = z.strictObject({
  workspace: workspaceInfo,
  studies: z.array(studyRow),
  datasets: z.array(datasetRow),
  runs: z.array(runRow),
  reports: z.array(z.strictObject({ name: z.string(), path: z.string(), problem: z.string().optional(), files: z.array(z.string()).optional() })),
});

export const workspaceOpenRequest = z.strictObject({ folder: handle });

export { problem };
