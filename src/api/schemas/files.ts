import { z } from 'zod';
import { handle } from './common.js';

export const fileRoot = z.strictObject({ handle, name: z.string(), path: z.string() });

export const fileEntry = z.strictObject({ name: z.string(), kind: z.enum(['folder', 'file']), handle });

/** One folder of the folder browser; `parent` is null at a root. */
export const folderListing = z.strictObject({
  handle,
  /** The folder's path, to show (never sent back). */
  path: z.string(),
  parent: handle.nullable(),
  entries: z.array(fileEntry),
  /** More entries than the listing holds (the first ones by name are shown). */
  truncated: z.boolean(),
});

export const pickRequest = z.strictObject({ kind: z.enum(['folder', 'file']), title: z.string().max(200).optional() });
export const picked = z.strictObject({ handle: handle.nullable(), path: z.string().nullable() });
