import type { z } from 'zod';
import { createDemoStudy, type CreateDemoStudyResult } from '../../app/demo-study.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.demoStudy.args>;

/** The app's createDemoStudy, in the worker: simulating 24 runs takes seconds of CPU the UI's thread cannot spare. */
export function runDemoStudy(args: Args, control: OperationControl<never>): Promise<CreateDemoStudyResult> {
  return createDemoStudy(args, { signal: control.signal, onProgress: control.onProgress });
}
