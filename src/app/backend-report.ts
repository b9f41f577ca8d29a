import { selectBackend } from '../model/backend/select.js';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';

export type { BackendReport };

/**
 * Which compute backend `choice` (default `auto`: the fastest that works) gives here, why, and
 * why each faster one is not used (`skipped`, fastest first): what the CLI prints through
 * formatBackendReport. It activates that backend in this thread, as a run starting here would;
 * a backend named that cannot be used is a BackendError saying why.
 */
export async function backendReport(choice: BackendChoice = 'auto'): Promise<BackendReport> {
  return selectBackend(choice);
}
