import type { z } from 'zod';
import { parcellateStudy, type ParcellateStudyResult } from '../../app/parcellate-study.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.parcellateStudy.args>;

/**
 * The app's parcellateStudy, in the worker, so reading images never blocks the thread serving
 * the UI. The atlas comes as paths and is loaded here; runs done before a cancel or kill stay
 * in the cache, so running it again skips them.
 */
export function runParcellateStudy(args: Args, control: OperationControl<never>): Promise<ParcellateStudyResult> {
  return parcellateStudy(args, { signal: control.signal, onProgress: control.onProgress });
}
