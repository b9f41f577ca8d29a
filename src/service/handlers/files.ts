import path from 'node:path';
import { NotAvailableError } from '../errors.js';
import type { Handlers } from '../context.js';

/** The folder browser (browser mode) and the native dialog (Electron): the only ways a file gets named. */
export const fileHandlers: Handlers<'files.roots' | 'files.browse' | 'files.pick'> = {
  'files.roots': async (_request, ctx) => ({ roots: await ctx.files.roots() }),
  'files.browse': async ({ handle }, ctx) => ctx.files.browse(handle),
  'files.pick': async (request, ctx) => {
    const { pick } = ctx.options;
    if (!pick) throw new NotAvailableError('the native dialog exists only in the desktop app; use the folder browser');
    const picked = await pick(request);
    if (picked === null) return { handle: null, path: null };
    return { handle: ctx.files.issue(picked, { grant: true }), path: path.resolve(picked) };
  },
};
