import type { OperationContext } from '../app/context.js';
import { isCancelled } from '../util/cancel.js';
import { cancelOnInterrupt } from './interrupt.js';
import { phaseBars } from './progress.js';

/**
 * Runs a resumable app operation from a terminal: its phases as progress bars on `err`, and
 * Ctrl-C cancelling at the next batch (the operation's `Cancelled`). Returns the result, or
 * null when cancelled (the command exits 130; running it again resumes).
 */
export async function runResumable<T>(
  err: NodeJS.WriteStream,
  title: (event: { phase: string; item?: string }) => string | null,
  run: (ctx: Required<Pick<OperationContext, 'signal' | 'onProgress'>>) => Promise<T>,
): Promise<T | null> {
  const { signal, stop } = cancelOnInterrupt(err, 'stopping at the next batch; run the same command again to resume');
  const bars = phaseBars(title, err);
  try {
    return await run({ signal, onProgress: bars.onProgress });
  } catch (e) {
    if (isCancelled(e)) return null;
    throw e;
  } finally {
    bars.done();
    stop();
  }
}
