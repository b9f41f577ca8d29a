import { z } from 'zod';
import { progress } from '../../jobs/protocol/progress.js';

const count = z.number().int().min(0);
export { count };

/**
 * A file or folder named by the main process (its open dialog or the server's folder browser):
 * an opaque token the renderer hands back. A renderer never sends a path.
 */
export const handle = z.string().regex(/^h_[A-Za-z0-9_-]{16,64}$/, 'a file handle issued by the app (h_…)');

/** A dataset's or run's name inside the workspace: one folder name, no separators, no `..`. */
export const entryName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name of letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)');

/** Where a long operation stands (src/app/context.ts Progress), as the job worker reports it. */
export { progress };

/** Something the user should fix or know, pointing at the file it is about. */
export const problem = z.strictObject({ severity: z.enum(['error', 'warning']), file: z.string(), message: z.string() });

/** A job's id, as the job registry issues it. */
export const jobId = z.string().regex(/^job-[0-9]+$/, 'a job id (job-N)');

export const none = z.strictObject({});

/** What starting a long operation answers: the job to follow on the events channel. */
export const jobStarted = z.strictObject({ jobId });
