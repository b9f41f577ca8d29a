/** The first Ctrl-C calls `first`, any later one `again`; returns the way to stop listening. */
function onInterrupt(first: () => void, again: () => void): () => void {
  let count = 0;
  const handler = () => (count++ === 0 ? first() : again());
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

/**
 * Cancellation by Ctrl-C: the first press aborts `signal` (and says `message`), so the
 * operation it was passed to ends with Cancelled at its next check; a second press calls
 * `again` (default: exit at once with 130). `stop` removes the handler.
 */
export function cancelOnInterrupt(err: NodeJS.WritableStream, message: string, again: () => void = () => process.exit(130)): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const stop = onInterrupt(() => {
    err.write(`\n${message}\n`);
    controller.abort();
  }, again);
  return { signal: controller.signal, stop };
}
