import { z } from 'zod';

/**
 * Where a job is: `done` of `total` steps of `phase` (total 0: not known yet). Zod only, so
 * the UI contract (src/api) shares it with the job protocol.
 */
export const progress = z.strictObject({
  phase: z.string().min(1),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  etaSeconds: z.number().min(0).nullable(),
  item: z.string().optional(),
});
