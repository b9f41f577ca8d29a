/**
 * The one way to cancel: the caller passes an AbortSignal (`{ signal }`) and aborts it; the
 * operation stops at its next check and throws Cancelled, leaving no half-written output.
 * Callers tell cancellation from failure with `isCancelled(err)`, never by a return value.
 */
export class Cancelled extends Error {
  constructor(message = 'cancelled', options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True for the error a cancelled operation throws (Cancelled or a subclass carrying more detail). */
export function isCancelled(err: unknown): err is Cancelled {
  return err instanceof Cancelled;
}

/**
 * Throws Cancelled once `signal` is aborted: the signal's reason itself when it is a Cancelled,
 * otherwise a Cancelled whose `cause` is the reason (so one error type ends every operation).
 */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw isCancelled(signal.reason) ? signal.reason : new Cancelled('cancelled', { cause: signal.reason });
}

/**
 * Lets pending host messages run first (an abort may be among them: a worker's cancel message,
 * a SIGINT), then throws Cancelled if `signal` is aborted. Long loops call it between batches.
 */
export async function yieldThenCheck(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(signal);
}
