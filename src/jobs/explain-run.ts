import { explainInput, type ExplainRequest } from '../saliency/explain-run.js';
import type { StoredSaliency } from '../saliency/store.js';
import type { RunControl } from '../saliency/types.js';
import { openRunInput } from './run-input.js';

/**
 * Saliency maps for a finished run's best model on its test (or all) samples, with what the
 * model predicted for each: the result `writeSaliencyResult` stores. The run's model is
 * disposed before returning.
 */
export async function explainRun(request: ExplainRequest, control: RunControl, backend: string): Promise<StoredSaliency> {
  const input = await openRunInput(request.runDir, request.samples);
  try {
    return await explainInput(input, request, control, backend);
  } finally {
    input.model.dispose();
  }
}
