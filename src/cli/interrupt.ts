/** The first Ctrl-C calls `first`, any later one `again`; returns the way to stop listening. */
export function onInterrupt(first: () => void, again: () => void): () => void {
  let count = 0;
  const handler = () => (count++ === 0 ? first() : again());
  process.on('SIGINT', handler);
  return () => void process.off('SIGINT', handler);
}

/**
 * Cancellation by Ctrl-C for work that polls: the first press sets the flag (and says
 * `message`), a second one exits at once with 130. `stop` removes the handler.
 */
export function cancelOnInterrupt(err: NodeJS.WritableStream, message: string): { isCancelled: () => boolean; stop: () => void } {
  let cancelled = false;
  const stop = onInterrupt(() => {
    cancelled = true;
    err.write(`\n${message}\n`);
  }, () => process.exit(130));
  return { isCancelled: () => cancelled, stop };
}
