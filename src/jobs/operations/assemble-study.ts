import type { z } from 'zod';
import { buildDataset, type BuildDatasetResult } from '../../app/build-dataset.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.assembleStudy.args>;

/**
 * The app's buildDataset, in the worker: the atlas comes as paths and is loaded here (no image
 * crosses the channel). Cancelled, it writes no dataset; runs already parcellated stay in the
 * parcellation cache, so running it again skips them.
 */
export function runAssembleStudy(args: Args, control: OperationControl<never>): Promise<BuildDatasetResult> {
  return buildDataset(args, { signal: control.signal, onProgress: (p) => control.onProgress(p) });
}
