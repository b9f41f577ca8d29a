import type { Handlers } from '../context.js';

/** The jobs of this session, and stopping one. */
export const jobHandlers: Handlers<'jobs.list' | 'jobs.cancel'> = {
  'jobs.list': async (_request, ctx) => ({ jobs: ctx.jobs.list() }),
  'jobs.cancel': async ({ jobId }, ctx) => {
    ctx.jobs.cancel(jobId);
    return {};
  },
};
