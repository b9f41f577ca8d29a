import type { RunSpec } from './runs.js';

/** Short name of a run for messages and progress. */
export function runName(run: Pick<RunSpec, 'subject' | 'session' | 'task' | 'run'>): string {
  return [`sub-${run.subject}`, run.session && `ses-${run.session}`, `task-${run.task}`, run.run && `run-${run.run}`].filter(Boolean).join('_');
}
